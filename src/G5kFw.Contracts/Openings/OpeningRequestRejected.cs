namespace G5kFw.Contracts.Openings;

/// <summary>
/// The job saga's reply when a job accepts no change: OAR reported it ended, or the openings would exceed the
/// job's limits.
/// </summary>
public sealed record OpeningRequestRejected(Guid RequestId, string Site, long JobId, string Reason);
