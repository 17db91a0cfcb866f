namespace G5kFw.Contracts.Openings;

/// <summary>
/// Removes every opening of a job on every firewall of its site. The job saga replies with
/// <see cref="OpeningRequestCompleted"/>.
/// </summary>
public sealed record RemoveOpenings(Guid RequestId, string Site, long JobId, string Caller, DateTimeOffset RequestedAt);
