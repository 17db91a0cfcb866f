namespace G5kFw.Contracts.Firewalls;

/// <summary>
/// A firewall agent started with an empty or unknown table; it expects <see cref="RebuildFirewall"/> with the
/// rules of every active job of its site.
/// </summary>
public sealed record FirewallAgentStarted(string Site, string Firewall, Guid AgentInstanceId, DateTimeOffset StartedAt);
