using G5kFw.Contracts.Openings;
using Marten;

namespace G5kFw.Api.ReadModel;

public sealed class MartenJobOpeningsReader(IQuerySession session) : IJobOpeningsReader
{
    public async Task<IReadOnlyList<Opening>> GetOpeningsAsync(
        string site, long jobId, CancellationToken cancellationToken)
    {
        var document = await session.LoadAsync<JobOpenings>(JobOpenings.IdOf(site, jobId), cancellationToken);
        return document?.Openings ?? [];
    }
}
