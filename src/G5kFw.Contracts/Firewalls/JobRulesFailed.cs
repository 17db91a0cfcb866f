namespace G5kFw.Contracts.Firewalls;

/// <summary>A firewall agent could not apply a job's rules at this generation, and why.</summary>
public sealed record JobRulesFailed(string Site, long JobId, string Firewall, long Generation, string Reason);
