namespace G5kFw.Oar.Tests;

/// <summary>The jobs with openings that a test names, in place of the sagas' stored state.</summary>
public sealed class FixedActiveJobSource(params SiteJob[] jobs) : IActiveJobSource
{
    public Task<IReadOnlyList<SiteJob>> GetJobsWithOpeningsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SiteJob>>(jobs);
}
