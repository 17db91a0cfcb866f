namespace G5kFw.Contracts.Firewalls;

/// <summary>Replaces a firewall's whole table with the rules of every active job of its site.</summary>
public sealed record RebuildFirewall(string Site, string Firewall, IReadOnlyList<JobRules> Jobs);
