namespace G5kFw.Firewall.Settings;

/// <summary>One firewall agent of this process (an item of the <c>Agents</c> configuration array).</summary>
public sealed class FirewallAgentSettings
{
    public const string Section = "Agents";

    /// <summary>Name of the border firewall. The agent receives its commands on the queue <c>firewall-{Firewall}</c>.</summary>
    public string Firewall { get; set; } = "";

    public string Site { get; set; } = "";

    /// <summary>Named network namespace (under /run/netns) to apply the rules in, or null for the agent's own namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>The nftables table (family ip6) that the agent owns and rewrites.</summary>
    public string Table { get; set; } = "g5kfw";

    /// <summary>
    /// IPv6 prefixes of the nodes, such as <c>2001:db8:2::/64</c>. New inbound connections to them are dropped
    /// unless an opening allows them.
    /// </summary>
    public IReadOnlyList<string> ProtectedPrefixes { get; set; } = [];

    /// <summary>
    /// Seconds between two comparisons of the table with the desired state. NOTE: one comparison took 3.2 s
    /// with 10,000 openings and 172 s with 100,000, so large sites need a longer period.
    /// </summary>
    public int DriftCheckSeconds { get; set; } = 30;

    public string QueueName => $"firewall-{Firewall}";
}
