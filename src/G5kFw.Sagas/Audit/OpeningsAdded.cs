using G5kFw.Contracts.Openings;

namespace G5kFw.Sagas.Audit;

/// <summary>An audit event: a caller added openings to a job, which made this generation.</summary>
public sealed record OpeningsAdded(
    string Site, long JobId, long Generation, string Caller, DateTimeOffset At, IReadOnlyList<Opening> Openings);
