namespace G5kFw.Oar;

/// <summary>
/// The jobs that have openings, which reconciliation checks against OAR. The job sagas implement it from their stored
/// state.
/// </summary>
public interface IActiveJobSource
{
    Task<IReadOnlyList<SiteJob>> GetJobsWithOpeningsAsync(CancellationToken cancellationToken);
}
