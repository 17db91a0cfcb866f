using G5kFw.Contracts.Oar;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace G5kFw.Oar;

/// <summary>
/// Checks every job that has openings against its site's OAR database and publishes <see cref="OarJobEnded"/> for
/// each job that no longer runs, so that a job whose end event was lost still loses its openings.
/// </summary>
public sealed class OarReconciler(
    IActiveJobSource activeJobs,
    IOarJobReader reader,
    IPublishEndpoint publishEndpoint,
    TimeProvider timeProvider,
    ILogger<OarReconciler> logger)
{
    /// <summary>Returns the jobs for which it published <see cref="OarJobEnded"/>.</summary>
    public async Task<IReadOnlyList<SiteJob>> ReconcileAsync(CancellationToken cancellationToken)
    {
        var jobs = await activeJobs.GetJobsWithOpeningsAsync(cancellationToken);
        var ended = new List<SiteJob>();
        foreach (var siteJob in jobs)
        {
            if (await HasEndedAsync(siteJob, cancellationToken))
            {
                await publishEndpoint.Publish(
                    new OarJobEnded(siteJob.Site, siteJob.JobId, timeProvider.GetUtcNow()), cancellationToken);
                ended.Add(siteJob);
            }
        }

        logger.LogInformation(
            "Reconciliation checked {JobCount} jobs with openings against OAR and ended {EndedCount}",
            jobs.Count, ended.Count);
        return ended;
    }

    private async Task<bool> HasEndedAsync(SiteJob siteJob, CancellationToken cancellationToken)
    {
        var (site, jobId) = siteJob;
        if (!reader.HasSite(site))
        {
            logger.LogWarning(
                "Job {JobId} of site {Site} has openings, but the site has no OAR database in the settings; " +
                "reconciliation skips it until Sites:{Site}:Oar:ConnectionString is set", jobId, site, site);
            return false;
        }

        OarJob? job;
        try
        {
            job = await reader.GetJobAsync(site, jobId, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            // A read failure must never end a job: the next run checks it again.
            logger.LogError(exception,
                "Reading job {JobId} from the OAR database of site {Site} failed; reconciliation retries at its next run",
                jobId, site);
            return false;
        }

        if (job is { IsRunning: true })
        {
            return false;
        }

        // An unknown job cannot be running, so its openings go too; OAR keeps ended jobs, so this usually means the
        // OAR database was recreated.
        logger.LogInformation(
            "Job {JobId} of site {Site} is {State} in OAR; reconciliation publishes OarJobEnded",
            jobId, site, job?.State ?? "unknown");
        return true;
    }
}
