namespace G5kFw.Contracts.Openings;

/// <summary>The job saga's reply when a job accepts no change, for instance because OAR reported it ended.</summary>
public sealed record OpeningRequestRejected(Guid RequestId, string Site, long JobId, string Reason);
