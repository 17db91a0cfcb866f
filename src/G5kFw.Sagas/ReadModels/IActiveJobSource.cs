namespace G5kFw.Sagas.ReadModels;

/// <summary>Lists the jobs that have openings, for the reconciliation against OAR.</summary>
public interface IActiveJobSource
{
    Task<IReadOnlyList<JobWithOpenings>> GetActiveJobsAsync(string site, CancellationToken cancellationToken);
}
