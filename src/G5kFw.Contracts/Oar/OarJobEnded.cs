namespace G5kFw.Contracts.Oar;

/// <summary>
/// A job ended on that site, reported by OAR's server epilogue or found by reconciliation against the
/// OAR database. Every opening of the job is removed.
/// </summary>
public sealed record OarJobEnded(string Site, long JobId, DateTimeOffset ObservedAt);
