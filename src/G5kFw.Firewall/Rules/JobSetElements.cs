using System.Net;
using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Rules;

/// <summary>
/// The elements of a job's four named sets, without overlaps. nftables rejects overlapping elements in a set
/// with <c>flags interval</c>, including concatenations, so ports are merged per host, and per host and source
/// a nested source network keeps only the ports that its enclosing networks do not already open.
/// </summary>
public sealed record JobSetElements(
    IReadOnlyList<(IPAddress Host, PortRange Ports)> TcpUdp,
    IReadOnlyList<(IPAddress Host, Ipv6Prefix Source, PortRange Ports)> TcpUdpFromSources,
    IReadOnlyList<IPAddress> All,
    IReadOnlyList<(IPAddress Host, Ipv6Prefix Source)> AllFromSources)
{
    public static JobSetElements From(JobFirewallRules job)
    {
        var tcpUdp = job.Rules
            .Where(rule => rule.Protocol == OpeningProtocol.TcpUdp && rule.Sources is null)
            .SelectMany(rule => rule.Destinations.Select(host => (host, rule.Ports)))
            .GroupBy(item => item.host)
            .OrderBy(group => Ipv6Prefix.ToNumber(group.Key))
            .SelectMany(group => RangeMerging.MergePorts(group.SelectMany(item => item.Ports))
                .Select(ports => (group.Key, ports)))
            .ToList();

        var all = job.Rules
            .Where(rule => rule.Protocol == OpeningProtocol.All && rule.Sources is null)
            .SelectMany(rule => rule.Destinations)
            .Distinct()
            .OrderBy(Ipv6Prefix.ToNumber)
            .ToList();

        var allFromSources = job.Rules
            .Where(rule => rule.Protocol == OpeningProtocol.All && rule.Sources is not null)
            .SelectMany(rule => rule.Destinations.SelectMany(host => rule.Sources!.Select(source => (host, source))))
            .GroupBy(item => item.host)
            .OrderBy(group => Ipv6Prefix.ToNumber(group.Key))
            .SelectMany(group => RangeMerging.MergePrefixes(group.Select(item => item.source))
                .Select(source => (group.Key, source)))
            .ToList();

        return new JobSetElements(tcpUdp, MergeTcpUdpFromSources(job), all, allFromSources);
    }

    private static List<(IPAddress, Ipv6Prefix, PortRange)> MergeTcpUdpFromSources(JobFirewallRules job)
    {
        var elements = new List<(IPAddress, Ipv6Prefix, PortRange)>();
        var byHost = job.Rules
            .Where(rule => rule.Protocol == OpeningProtocol.TcpUdp && rule.Sources is not null)
            .SelectMany(rule => rule.Destinations.SelectMany(host =>
                rule.Sources!.Select(source => (host, source, rule.Ports))))
            .GroupBy(item => item.host)
            .OrderBy(group => Ipv6Prefix.ToNumber(group.Key));

        foreach (var host in byHost)
        {
            var portsBySource = host
                .GroupBy(item => item.source)
                .ToDictionary(
                    group => group.Key,
                    group => RangeMerging.MergePorts(group.SelectMany(item => item.Ports)));

            var ordered = portsBySource.OrderBy(pair => pair.Key.First).ThenBy(pair => pair.Key.Length);
            foreach (var (source, ports) in ordered)
            {
                var enclosing = portsBySource
                    .Where(pair => pair.Key.Length < source.Length && pair.Key.Contains(source))
                    .SelectMany(pair => pair.Value)
                    .ToList();
                foreach (var range in RangeMerging.SubtractPorts(ports, enclosing))
                {
                    elements.Add((host.Key, source, range));
                }
            }
        }

        return elements;
    }
}
