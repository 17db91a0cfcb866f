namespace G5kFw.Contracts.Openings;

/// <summary>
/// The API accepted openings for a job: they are validated, names are resolved and the caller may change
/// the job. The job saga replies with <see cref="OpeningRequestCompleted"/>, or with
/// <see cref="OpeningRequestRejected"/> when the job ended or the openings would exceed <paramref name="Limits"/>.
/// A request without limits is checked against none.
/// </summary>
public sealed record OpeningRequested(
    Guid RequestId,
    string Site,
    long JobId,
    string Caller,
    IReadOnlyList<Opening> Openings,
    DateTimeOffset RequestedAt,
    JobLimits? Limits = null);
