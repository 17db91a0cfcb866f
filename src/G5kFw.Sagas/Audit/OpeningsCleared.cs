using G5kFw.Contracts.Openings;

namespace G5kFw.Sagas.Audit;

/// <summary>
/// An audit event: every opening of a job was removed at this generation, by a caller or because OAR reported the
/// job ended (caller <c>oar</c>).
/// </summary>
public sealed record OpeningsCleared(
    string Site,
    long JobId,
    long Generation,
    string Caller,
    DateTimeOffset At,
    string Reason,
    IReadOnlyList<Opening> Openings);
