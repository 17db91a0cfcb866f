using System.Net;

namespace G5kFw.Firewall.Rules;

/// <summary>The parsed, merged rules of one job at one generation. A job without rules has no openings.</summary>
public sealed record JobFirewallRules(long JobId, long Generation, IReadOnlyList<FirewallRule> Rules)
{
    /// <summary>Every destination host of the job, sorted and without duplicates.</summary>
    public IReadOnlyList<IPAddress> Hosts { get; } = Rules
        .SelectMany(rule => rule.Destinations)
        .Distinct()
        .OrderBy(Ipv6Prefix.ToNumber)
        .ToList();
}
