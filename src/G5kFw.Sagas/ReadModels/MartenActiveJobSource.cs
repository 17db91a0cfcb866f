using G5kFw.Oar;
using Marten;

namespace G5kFw.Sagas.ReadModels;

/// <summary>
/// Lists the jobs that have openings from the <see cref="JobOpenings"/> documents, for the reconciliation against OAR.
/// Jobs that OAR already reported ended are left out, because their sagas are removing them.
/// </summary>
public sealed class MartenActiveJobSource(IDocumentStore store) : IActiveJobSource
{
    public async Task<IReadOnlyList<SiteJob>> GetJobsWithOpeningsAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var jobs = await session.Query<JobOpenings>()
            .Where(job => !job.Ended && job.Openings.Any())
            .OrderBy(job => job.Site).ThenBy(job => job.JobId)
            .ToListAsync(cancellationToken);
        return jobs.Select(job => new SiteJob(job.Site, job.JobId)).ToList();
    }
}
