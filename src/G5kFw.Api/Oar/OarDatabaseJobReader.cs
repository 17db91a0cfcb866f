using G5kFw.Api.Settings;
using Npgsql;

namespace G5kFw.Api.Oar;

/// <summary>
/// Reads jobs from each site's OAR 2.5 PostgreSQL database through a read-only account, as the testbed's own API
/// does. The queries follow OAR 2.5.9's schema (Debian 12 package).
/// </summary>
public sealed class OarDatabaseJobReader : IOarJobReader, IAsyncDisposable
{
    private const string JobQuery = """
        SELECT job_user, state,
               coalesce((SELECT array_agg(type ORDER BY type) FROM job_types WHERE job_types.job_id = jobs.job_id),
                        '{}') AS types
        FROM jobs
        WHERE job_id = @job_id
        """;

    // assigned_resources.moldable_job_id contains jobs.assigned_moldable_job, not the job id. OAR keeps the rows of an
    // ended job but flips their index from CURRENT to LOG, so CURRENT rows are the hosts the job holds now.
    // Only resources of type 'default' (cores) count, because a site may attach other types, such as disks, to hosts.
    private const string HostQuery = """
        WITH held AS (
            SELECT r.network_address, count(*) AS held
            FROM jobs j
            JOIN assigned_resources ar ON ar.moldable_job_id = j.assigned_moldable_job
                                      AND ar.assigned_resource_index = 'CURRENT'
            JOIN resources r ON r.resource_id = ar.resource_id AND r.type = 'default'
            WHERE j.job_id = @job_id
            GROUP BY r.network_address
        )
        SELECT h.network_address, h.held,
               (SELECT count(*) FROM resources r
                WHERE r.type = 'default' AND r.network_address = h.network_address) AS total
        FROM held h
        ORDER BY h.network_address
        """;

    private readonly Dictionary<string, NpgsqlDataSource> _dataSources;

    public OarDatabaseJobReader(IReadOnlyDictionary<string, SiteSettings> sites)
    {
        _dataSources = sites.ToDictionary(
            site => site.Key,
            site => NpgsqlDataSource.Create(site.Value.Oar.ConnectionString),
            StringComparer.Ordinal);
    }

    public async Task<OarJob?> FindJobAsync(string site, long jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSources[site].OpenConnectionAsync(cancellationToken);

        await using var jobCommand = new NpgsqlCommand(JobQuery, connection);
        jobCommand.Parameters.AddWithValue("job_id", jobId);
        string owner, state;
        string[] types;
        await using (var reader = await jobCommand.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            owner = reader.GetString(0);
            state = reader.GetString(1);
            types = reader.GetFieldValue<string[]>(2);
        }

        await using var hostCommand = new NpgsqlCommand(HostQuery, connection);
        hostCommand.Parameters.AddWithValue("job_id", jobId);
        var hosts = new List<OarHost>();
        await using (var reader = await hostCommand.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hosts.Add(new OarHost(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2)));
            }
        }

        return new OarJob(jobId, owner, state, types, hosts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources.Values)
        {
            await dataSource.DisposeAsync();
        }
    }
}
