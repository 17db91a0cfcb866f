namespace G5kFw.Api.Oar;

/// <summary>
/// The API's view of OAR jobs, read through the shared OAR database reader that the Worker's reconciliation also
/// uses. It keeps what the API's checks need: owner, state, types, and each host with the job's share of it.
/// </summary>
public sealed class SiteOarJobReader(G5kFw.Oar.IOarJobReader reader) : IOarJobReader
{
    public async Task<OarJob?> FindJobAsync(string site, long jobId, CancellationToken cancellationToken)
    {
        var job = await reader.GetJobAsync(site, jobId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var hosts = job.HostShares
            .Select(share => new OarHost(share.Host, share.HeldResources, share.TotalResources))
            .ToList();
        return new OarJob(job.JobId, job.Owner, job.State, job.Types, hosts);
    }
}
