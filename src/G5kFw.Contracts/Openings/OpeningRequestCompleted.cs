namespace G5kFw.Contracts.Openings;

/// <summary>
/// The job saga's reply to <see cref="OpeningRequested"/> or <see cref="RemoveOpenings"/>: whether every
/// firewall of the site applied the generation, and which openings the request added.
/// </summary>
public sealed record OpeningRequestCompleted(
    Guid RequestId,
    string Site,
    long JobId,
    long Generation,
    bool AllApplied,
    IReadOnlyList<Opening> Added,
    IReadOnlyList<string> PendingFirewalls);
