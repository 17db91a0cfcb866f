using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rendering;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Rendering;

public class NftRendererTests
{
    private static readonly IPAddress Node1 = IPAddress.Parse("2001:db8:2::10");
    private static readonly IPAddress Node2 = IPAddress.Parse("2001:db8:2::11");

    private const string JobSets = """
        add set ip6 g5kfw job_42_tcpudp { type ipv6_addr . inet_proto . inet_service; flags interval; }
        flush set ip6 g5kfw job_42_tcpudp
        add set ip6 g5kfw job_42_tcpudp_src { type ipv6_addr . ipv6_addr . inet_proto . inet_service; flags interval; }
        flush set ip6 g5kfw job_42_tcpudp_src
        add set ip6 g5kfw job_42_all { type ipv6_addr; }
        flush set ip6 g5kfw job_42_all
        add set ip6 g5kfw job_42_all_src { type ipv6_addr . ipv6_addr; flags interval; }
        flush set ip6 g5kfw job_42_all_src

        """;

    [Fact]
    public void RenderJobChange_ReplacesChainAndMapsHosts()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 3,
        [
            new Opening(["2001:db8:2::10/128"], [new(1000, 2000), new(80, 80), new(1500, 2500)], OpeningProtocol.TcpUdp,
                ["2001:db8:1::/64", "2001:db8:1::9/128"]),
            new Opening(["2001:db8:2::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, null),
            new Opening(["2001:db8:2::11/128"], [], OpeningProtocol.All, null),
        ]));

        var script = NftRenderer.RenderJobChange("g5kfw", job, [IPAddress.Parse("2001:db8:2::12")], [Node1, Node2]);

        Assert.Equal(
            "add chain ip6 g5kfw job_42\nflush chain ip6 g5kfw job_42\n" + JobSets + """
            delete element ip6 g5kfw job_hosts { 2001:db8:2::12 }
            add rule ip6 g5kfw job_42 meta l4proto ipv6-icmp accept
            add rule ip6 g5kfw job_42 ip6 daddr . meta l4proto . th dport @job_42_tcpudp accept
            add rule ip6 g5kfw job_42 ip6 daddr . ip6 saddr . meta l4proto . th dport @job_42_tcpudp_src accept
            add rule ip6 g5kfw job_42 ip6 daddr @job_42_all accept
            add rule ip6 g5kfw job_42 ip6 daddr . ip6 saddr @job_42_all_src accept
            add element ip6 g5kfw job_42_tcpudp { 2001:db8:2::10 . tcp . 22, 2001:db8:2::10 . udp . 22 }
            add element ip6 g5kfw job_42_tcpudp_src { 2001:db8:2::10 . 2001:db8:1::/64 . tcp . 80, 2001:db8:2::10 . 2001:db8:1::/64 . udp . 80, 2001:db8:2::10 . 2001:db8:1::/64 . tcp . 1000-2500, 2001:db8:2::10 . 2001:db8:1::/64 . udp . 1000-2500 }
            add element ip6 g5kfw job_42_all { 2001:db8:2::11 }
            add element ip6 g5kfw job_hosts { 2001:db8:2::10 : jump job_42, 2001:db8:2::11 : jump job_42 }

            """,
            script);
    }

    [Fact]
    public void RenderJobChange_RemovesEmptyJob()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 4, []));

        var script = NftRenderer.RenderJobChange("g5kfw", job, [Node1], []);

        Assert.Equal(
            "add chain ip6 g5kfw job_42\nflush chain ip6 g5kfw job_42\n" + JobSets + """
            delete element ip6 g5kfw job_hosts { 2001:db8:2::10 }
            delete chain ip6 g5kfw job_42
            delete set ip6 g5kfw job_42_tcpudp
            delete set ip6 g5kfw job_42_tcpudp_src
            delete set ip6 g5kfw job_42_all
            delete set ip6 g5kfw job_42_all_src

            """,
            script);
    }

    [Fact]
    public void RenderRebuild_RecreatesTableWithEveryJob()
    {
        Assert.True(Ipv6Prefix.TryParse("2001:db8:2::/48", out var nodes));
        var job = JobRulesParser.Parse(new JobRules("rennes", 7, 1,
            [new Opening(["2001:db8:2::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, null)]));

        var script = NftRenderer.RenderRebuild("g5kfw", [nodes], [job], new Dictionary<IPAddress, long> { [Node1] = 7 });

        Assert.Equal(
            """
            table ip6 g5kfw
            delete table ip6 g5kfw
            add table ip6 g5kfw
            add set ip6 g5kfw protected { type ipv6_addr; flags interval; }
            add element ip6 g5kfw protected { 2001:db8:2::/48 }
            add map ip6 g5kfw job_hosts { type ipv6_addr : verdict; }
            add chain ip6 g5kfw forward { type filter hook forward priority filter; policy accept; }
            flush chain ip6 g5kfw forward
            add rule ip6 g5kfw forward ip6 daddr != @protected accept
            add rule ip6 g5kfw forward ct state established,related accept
            add rule ip6 g5kfw forward ip6 saddr @protected accept
            add rule ip6 g5kfw forward ip6 daddr vmap @job_hosts
            add rule ip6 g5kfw forward drop
            add chain ip6 g5kfw job_7
            add set ip6 g5kfw job_7_tcpudp { type ipv6_addr . inet_proto . inet_service; flags interval; }
            add set ip6 g5kfw job_7_tcpudp_src { type ipv6_addr . ipv6_addr . inet_proto . inet_service; flags interval; }
            add set ip6 g5kfw job_7_all { type ipv6_addr; }
            add set ip6 g5kfw job_7_all_src { type ipv6_addr . ipv6_addr; flags interval; }
            add rule ip6 g5kfw job_7 meta l4proto ipv6-icmp accept
            add rule ip6 g5kfw job_7 ip6 daddr . meta l4proto . th dport @job_7_tcpudp accept
            add rule ip6 g5kfw job_7 ip6 daddr . ip6 saddr . meta l4proto . th dport @job_7_tcpudp_src accept
            add rule ip6 g5kfw job_7 ip6 daddr @job_7_all accept
            add rule ip6 g5kfw job_7 ip6 daddr . ip6 saddr @job_7_all_src accept
            add element ip6 g5kfw job_7_tcpudp { 2001:db8:2::10 . tcp . 22, 2001:db8:2::10 . udp . 22 }
            add element ip6 g5kfw job_hosts { 2001:db8:2::10 : jump job_7 }

            """,
            script);
    }
}
