namespace G5kFw.Contracts.Openings;

/// <summary>
/// The API accepted openings for a job: they are validated, names are resolved and the caller may change
/// the job. The job saga replies with <see cref="OpeningRequestCompleted"/>.
/// </summary>
public sealed record OpeningRequested(
    Guid RequestId,
    string Site,
    long JobId,
    string Caller,
    IReadOnlyList<Opening> Openings,
    DateTimeOffset RequestedAt);
