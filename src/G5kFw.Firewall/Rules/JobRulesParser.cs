using System.Globalization;
using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Rules;

/// <summary>
/// Turns a job's openings from the bus into typed, merged rules. Every address, prefix and port is parsed
/// here, so that the renderer writes nftables text only from typed values.
/// </summary>
public static class JobRulesParser
{
    /// <summary>
    /// Parses and merges the openings, or throws <see cref="InvalidJobRulesException"/> naming the value.
    /// </summary>
    public static JobFirewallRules Parse(JobRules rules)
    {
        if (rules.JobId <= 0)
        {
            throw new InvalidJobRulesException(
                $"Job id {rules.JobId} is invalid; expected a positive OAR job id.");
        }

        var parsed = rules.Openings.Select((opening, index) => ParseOpening(opening, index)).ToList();
        return new JobFirewallRules(rules.JobId, rules.Generation, Merge(parsed));
    }

    /// <summary>
    /// Joins the destinations of rules that differ only by destination, then the ports of rules that differ
    /// only by ports, so that a job with many similar openings renders few nftables rules.
    /// </summary>
    public static IReadOnlyList<FirewallRule> Merge(IEnumerable<FirewallRule> rules)
    {
        var byPorts = rules
            .GroupBy(rule => (rule.Protocol, Sources: Key(rule.Sources), Ports: Key(rule.Ports)))
            .Select(group => group.First() with
            {
                Destinations = group.SelectMany(rule => rule.Destinations).Distinct().OrderBy(Ipv6Prefix.ToNumber)
                    .ToList(),
            });

        return byPorts
            .GroupBy(rule => (rule.Protocol, Sources: Key(rule.Sources), Destinations: Key(rule.Destinations)))
            .Select(group => group.First() with
            {
                Ports = RangeMerging.MergePorts(group.SelectMany(rule => rule.Ports)),
            })
            .OrderBy(rule => Ipv6Prefix.ToNumber(rule.Destinations[0]))
            .ThenBy(rule => rule.Protocol)
            .ToList();
    }

    private static FirewallRule ParseOpening(Opening opening, int index)
    {
        if (opening.Addresses.Count == 0)
        {
            throw new InvalidJobRulesException($"Opening {index} has no destination address; expected at least one.");
        }

        var destinations = opening.Addresses
            .Select(text => ParseHost(text, index))
            .Distinct()
            .OrderBy(Ipv6Prefix.ToNumber)
            .ToList();

        var sources = opening.Sources is { Count: > 0 }
            ? RangeMerging.MergePrefixes(opening.Sources.Select(text => ParseSource(text, index)))
            : null;

        if (opening.Protocol == OpeningProtocol.All)
        {
            return new FirewallRule(destinations, sources, OpeningProtocol.All, []);
        }

        if (opening.Protocol != OpeningProtocol.TcpUdp)
        {
            throw new InvalidJobRulesException(
                $"Opening {index} has protocol {opening.Protocol}; expected TcpUdp or All.");
        }

        if (opening.Ports.Count == 0)
        {
            throw new InvalidJobRulesException(
                $"Opening {index} is tcp+udp without ports; expected at least one port.");
        }

        foreach (var range in opening.Ports)
        {
            if (range.First is < 1 or > 65535 || range.Last is < 1 or > 65535 || range.First > range.Last)
            {
                throw new InvalidJobRulesException(
                    $"Opening {index} has port range {range.First}..{range.Last}; expected 1 <= first <= last <= " +
                        "65535.");
            }
        }

        return new FirewallRule(destinations, sources, OpeningProtocol.TcpUdp, RangeMerging.MergePorts(opening.Ports));
    }

    private static IPAddress ParseHost(string text, int index)
    {
        if (!Ipv6Prefix.TryParse(text, out var prefix) || prefix.Length != 128)
        {
            throw new InvalidJobRulesException(
                $"Opening {index} has destination '{text}'; expected an IPv6 host address such as 2001:db8::1/128.");
        }

        return prefix.Network;
    }

    private static Ipv6Prefix ParseSource(string text, int index)
    {
        if (!Ipv6Prefix.TryParse(text, out var prefix))
        {
            throw new InvalidJobRulesException(
                $"Opening {index} has source '{text}'; expected an IPv6 address or network such as 2001:db8::/48.");
        }

        return prefix;
    }

    private static string Key<T>(IReadOnlyList<T>? values) =>
        values is null ? "any" : string.Join(' ', values.Select(value => Convert.ToString(value,
            CultureInfo.InvariantCulture)));
}
