using Marten;

namespace G5kFw.Sagas.ReadModels;

/// <summary>Reads the jobs that have openings from the <see cref="JobOpenings"/> documents.</summary>
public sealed class MartenActiveJobSource(IDocumentStore store) : IActiveJobSource
{
    public async Task<IReadOnlyList<JobWithOpenings>> GetActiveJobsAsync(
        string site, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var jobs = await session.Query<JobOpenings>()
            .Where(job => job.Site == site && !job.Ended && job.Openings.Any())
            .OrderBy(job => job.JobId)
            .ToListAsync(cancellationToken);
        return jobs.Select(job => new JobWithOpenings(job.Site, job.JobId)).ToList();
    }
}
