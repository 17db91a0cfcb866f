namespace G5kFw.Oar;

/// <summary>The query on OAR 2.5's PostgreSQL schema that <see cref="OarJobReader"/> runs for one job.</summary>
internal static class OarJobQuery
{
    // Facts of OAR 2.5's schema that the query relies on:
    // - assigned_resources.moldable_job_id contains jobs.assigned_moldable_job, a moldable id and not the job id.
    // - While a job runs, its assigned_resources rows have index 'CURRENT'; OAR flips them to 'LOG' when the job ends
    //   and keeps them, so "holds now" means Running with CURRENT rows.
    // - Only resources of type 'default' count, because Grid'5000 attaches other types (disks) to its hosts.
    public const string Sql = """
        WITH job AS (
            SELECT job_id, job_user, state, assigned_moldable_job, start_time, stop_time
            FROM jobs
            WHERE job_id = @job_id
        ), held AS (
            SELECT r.network_address, count(*) AS held
            FROM job
            JOIN assigned_resources ar
                ON ar.moldable_job_id = job.assigned_moldable_job AND ar.assigned_resource_index = 'CURRENT'
            JOIN resources r ON r.resource_id = ar.resource_id AND r.type = 'default'
            GROUP BY r.network_address
        ), total AS (
            SELECT r.network_address, count(*) AS total
            FROM resources r
            WHERE r.type = 'default' AND r.network_address IN (SELECT network_address FROM held)
            GROUP BY r.network_address
        )
        SELECT job.job_user,
               job.state,
               NULLIF(job.start_time, 0)::bigint AS start_time,
               NULLIF(job.stop_time, 0)::bigint AS stop_time,
               coalesce((SELECT array_agg(t.type::text ORDER BY t.type) FROM job_types t WHERE t.job_id = job.job_id),
                        '{}') AS types,
               coalesce(array_agg(h.network_address::text ORDER BY h.network_address)
                            FILTER (WHERE h.network_address IS NOT NULL), '{}') AS hosts,
               coalesce(bool_and(h.held = total.total), false) AS whole_hosts,
               coalesce(array_agg(h.held::int ORDER BY h.network_address)
                            FILTER (WHERE h.network_address IS NOT NULL), '{}') AS held_resources,
               coalesce(array_agg(total.total::int ORDER BY h.network_address)
                            FILTER (WHERE h.network_address IS NOT NULL), '{}') AS total_resources
        FROM job
        LEFT JOIN held h ON true
        LEFT JOIN total USING (network_address)
        GROUP BY job.job_id, job.job_user, job.state, job.start_time, job.stop_time
        """;
}
