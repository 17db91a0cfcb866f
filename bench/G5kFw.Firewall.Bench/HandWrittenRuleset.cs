using System.Globalization;
using System.Text;
using G5kFw.Contracts.Firewalls;

namespace G5kFw.Firewall.Bench;

/// <summary>
/// Writes the same openings as an nftables expert would by hand for a static ruleset: one chain, one named
/// set of host . protocol . port ranges and one set of opened hosts for ICMPv6. It has no per-job structure,
/// so it is the lower bound of a full load, not a ruleset whose jobs can change one at a time.
/// </summary>
/// <remarks>
/// One rule per opening with anonymous sets, the more obvious hand-written form, took 202 s for 10,000
/// openings with nft 1.0.6 on the benchmark machine, so it cannot serve as the comparison at 100,000.
/// </remarks>
internal static class HandWrittenRuleset
{
    private static readonly string[] Protocols = ["tcp", "udp"];

    public static string Write(IEnumerable<JobRules> jobs, string protectedPrefix)
    {
        var openings = jobs.SelectMany(job => job.Openings).ToList();
        var hosts = openings.Select(opening => opening.Addresses[0].Split('/')[0]).Distinct().ToList();
        var elements = openings.SelectMany(opening => opening.Ports.SelectMany(range => Protocols.Select(protocol =>
            string.Create(CultureInfo.InvariantCulture,
                $"{opening.Addresses[0].Split('/')[0]} . {protocol} . {range.First}-{range.Last}"))));

        var script = new StringBuilder();
        script.Append("table ip6 handwritten\ndelete table ip6 handwritten\n");
        script.Append("table ip6 handwritten {\n");
        script.Append("  set hosts {\n    type ipv6_addr\n    elements = { ").AppendJoin(", ", hosts).Append(
            " }\n  }\n");
        script.Append("  set openings {\n    type ipv6_addr . inet_proto . inet_service\n    flags interval\n");
        script.Append("    elements = { ").AppendJoin(", ", elements).Append(" }\n  }\n");
        script.Append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n");
        script.Append("    ip6 daddr != ").Append(protectedPrefix).Append(" accept\n");
        script.Append("    ct state established,related accept\n");
        script.Append("    meta l4proto ipv6-icmp ip6 daddr @hosts accept\n");
        script.Append("    ip6 daddr . meta l4proto . th dport @openings accept\n");
        script.Append("    drop\n  }\n}\n");
        return script.ToString();
    }
}
