using G5kFw.Contracts.Openings;

namespace G5kFw.Api.ReadModel;

/// <summary>Reads the current openings of a job, as the job saga last stored them.</summary>
public interface IJobOpeningsReader
{
    /// <summary>Returns the job's openings, or an empty list when the job has none.</summary>
    Task<IReadOnlyList<Opening>> GetOpeningsAsync(string site, long jobId, CancellationToken cancellationToken);
}
