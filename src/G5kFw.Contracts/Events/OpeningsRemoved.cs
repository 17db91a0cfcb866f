namespace G5kFw.Contracts.Events;

/// <summary>Every firewall of the site removed all openings of a job.</summary>
public sealed record OpeningsRemoved(string Site, long JobId, long Generation, string Reason);
