using System.Net;
using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Rules;

/// <summary>
/// One accept rule of a job: destination hosts, merged source networks (null means any source), the protocol
/// and merged, sorted port ranges (empty for <see cref="OpeningProtocol.All"/>).
/// </summary>
public sealed record FirewallRule(
    IReadOnlyList<IPAddress> Destinations,
    IReadOnlyList<Ipv6Prefix>? Sources,
    OpeningProtocol Protocol,
    IReadOnlyList<PortRange> Ports);
