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

    private const string TcpUdpType = "type ipv6_addr . inet_proto . inet_service; flags interval;";

    private const string TcpUdpFromSourcesType = "type ipv6_addr . ipv6_addr . inet_proto . inet_service; flags " +
        "interval;";

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

        var script = NftRenderer.RenderJobChange(
            "g5kfw", job, previousGeneration: 2, [IPAddress.Parse("2001:db8:2::12")], [Node1, Node2]);

        string[] expected =
        [
            $"add set ip6 g5kfw job_42_g3_tcpudp {{ {TcpUdpType} elements = " +
                "{ 2001:db8:2::10 . tcp . 22, 2001:db8:2::10 . udp . 22 } }",
            $"add set ip6 g5kfw job_42_g3_tcpudp_src {{ {TcpUdpFromSourcesType} elements = " +
                "{ 2001:db8:2::10 . 2001:db8:1::/64 . tcp . 80, 2001:db8:2::10 . 2001:db8:1::/64 . udp . 80, " +
                "2001:db8:2::10 . 2001:db8:1::/64 . tcp . 1000-2500, 2001:db8:2::10 . 2001:db8:1::/64 . udp . " +
                    "1000-2500 } }",
            "add set ip6 g5kfw job_42_g3_all { type ipv6_addr; elements = { 2001:db8:2::11 } }",
            "add set ip6 g5kfw job_42_g3_all_src { type ipv6_addr . ipv6_addr; flags interval; }",
            "add chain ip6 g5kfw job_42",
            "flush chain ip6 g5kfw job_42",
            "add chain ip6 g5kfw job_42 { meta l4proto ipv6-icmp accept; " +
                "ip6 daddr . meta l4proto . th dport @job_42_g3_tcpudp accept; " +
                "ip6 daddr . ip6 saddr . meta l4proto . th dport @job_42_g3_tcpudp_src accept; " +
                "ip6 daddr @job_42_g3_all accept; ip6 daddr . ip6 saddr @job_42_g3_all_src accept; }",
            "delete element ip6 g5kfw job_hosts { 2001:db8:2::12 }",
            "add map ip6 g5kfw job_hosts { type ipv6_addr : verdict; elements = " +
                "{ 2001:db8:2::10 : jump job_42, 2001:db8:2::11 : jump job_42 } }",
            "",
        ];
        Assert.Equal(expected, script.Split('\n'));
    }

    [Fact]
    public void RenderJobChange_KeepsJobChangeFreeOfListingCommands()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 3,
            [new Opening(["2001:db8:2::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, null)]));

        var script = NftRenderer.RenderJobChange("g5kfw", job, previousGeneration: 2, [], [Node1]);

        // nft 1.0.6 lists every chain and set of every table before running any of these commands.
        Assert.DoesNotContain("add element", script, StringComparison.Ordinal);
        Assert.DoesNotContain("add rule", script, StringComparison.Ordinal);
        Assert.DoesNotContain("flush set", script, StringComparison.Ordinal);
        Assert.DoesNotContain("delete", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderJobChange_RemovesEmptyJob()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 4, []));

        var script = NftRenderer.RenderJobChange("g5kfw", job, previousGeneration: 3, [Node1], []);

        Assert.Equal(
            """
            flush chain ip6 g5kfw job_42
            delete element ip6 g5kfw job_hosts { 2001:db8:2::10 }
            delete chain ip6 g5kfw job_42
            delete set ip6 g5kfw job_42_g3_tcpudp
            delete set ip6 g5kfw job_42_g3_tcpudp_src
            delete set ip6 g5kfw job_42_g3_all
            delete set ip6 g5kfw job_42_g3_all_src

            """,
            script);
    }

    [Fact]
    public void RenderRebuild_RecreatesTableWithEveryJob()
    {
        Assert.True(Ipv6Prefix.TryParse("2001:db8:2::/48", out var nodes));
        var job = JobRulesParser.Parse(new JobRules("rennes", 7, 1,
            [new Opening(["2001:db8:2::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, null)]));

        var script = NftRenderer.RenderRebuild(
            "g5kfw", [nodes], [job], new Dictionary<IPAddress, long> { [Node1] = 7 });

        string[] expected =
        [
            "table ip6 g5kfw",
            "delete table ip6 g5kfw",
            "add table ip6 g5kfw",
            "add set ip6 g5kfw protected { type ipv6_addr; flags interval; elements = { 2001:db8:2::/48 } }",
            "add map ip6 g5kfw job_hosts { type ipv6_addr : verdict; }",
            "add chain ip6 g5kfw forward { type filter hook forward priority filter; policy accept; }",
            "flush chain ip6 g5kfw forward",
            "add chain ip6 g5kfw forward { type filter hook forward priority filter; policy accept; " +
                "ip6 daddr != @protected accept; ct state established,related accept; " +
                "ip6 saddr @protected accept; ip6 daddr vmap @job_hosts; drop; }",
            $"add set ip6 g5kfw job_7_g1_tcpudp {{ {TcpUdpType} elements = " +
                "{ 2001:db8:2::10 . tcp . 22, 2001:db8:2::10 . udp . 22 } }",
            $"add set ip6 g5kfw job_7_g1_tcpudp_src {{ {TcpUdpFromSourcesType} }}",
            "add set ip6 g5kfw job_7_g1_all { type ipv6_addr; }",
            "add set ip6 g5kfw job_7_g1_all_src { type ipv6_addr . ipv6_addr; flags interval; }",
            "add chain ip6 g5kfw job_7 { meta l4proto ipv6-icmp accept; " +
                "ip6 daddr . meta l4proto . th dport @job_7_g1_tcpudp accept; " +
                "ip6 daddr . ip6 saddr . meta l4proto . th dport @job_7_g1_tcpudp_src accept; " +
                "ip6 daddr @job_7_g1_all accept; ip6 daddr . ip6 saddr @job_7_g1_all_src accept; }",
            "add map ip6 g5kfw job_hosts { type ipv6_addr : verdict; elements = { 2001:db8:2::10 : jump job_7 } }",
            "",
        ];
        Assert.Equal(expected, script.Split('\n'));
    }
}
