using G5kFw.Contracts.Openings;
using G5kFw.Sagas.ReadModels;
using Marten;

namespace G5kFw.Api.ReadModel;

/// <summary>Reads the job saga's read model. A job that OAR reported ended has no openings, even while they are removed.</summary>
public sealed class MartenJobOpeningsReader(IQuerySession session) : IJobOpeningsReader
{
    public async Task<IReadOnlyList<Opening>> GetOpeningsAsync(
        string site, long jobId, CancellationToken cancellationToken)
    {
        var document = await session.LoadAsync<JobOpenings>(JobOpenings.IdFor(site, jobId), cancellationToken);
        return document is { Ended: false } ? document.Openings : [];
    }
}
