namespace G5kFw.Contracts.Firewalls;

/// <summary>A firewall agent applied a job's rules up to this generation.</summary>
public sealed record JobRulesApplied(string Site, long JobId, string Firewall, long Generation, DateTimeOffset AppliedAt);
