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

    [Fact]
    public void RenderJobChange_ReplacesChainAndMapsHosts()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 3,
        [
            new Opening(["2001:db8:2::10/128"], [new(1000, 2000), new(80, 80), new(1500, 2500)], OpeningProtocol.TcpUdp,
                ["2001:db8:1::/64", "2001:db8:1::9/128"]),
            new Opening(["2001:db8:2::11/128"], [], OpeningProtocol.All, null),
        ]));

        var script = NftRenderer.RenderJobChange("g5kfw", job, [IPAddress.Parse("2001:db8:2::12")], [Node1, Node2]);

        Assert.Equal(
            """
            add chain ip6 g5kfw job_42
            flush chain ip6 g5kfw job_42
            delete element ip6 g5kfw job_hosts { 2001:db8:2::12 }
            add rule ip6 g5kfw job_42 meta l4proto ipv6-icmp accept
            add rule ip6 g5kfw job_42 ip6 daddr { 2001:db8:2::10 } ip6 saddr { 2001:db8:1::/64 } meta l4proto { tcp, udp } th dport { 80, 1000-2500 } accept
            add rule ip6 g5kfw job_42 ip6 daddr { 2001:db8:2::11 } accept
            add element ip6 g5kfw job_hosts { 2001:db8:2::10 : jump job_42, 2001:db8:2::11 : jump job_42 }

            """,
            script);
    }

    [Fact]
    public void RenderJobChange_RemovesEmptyJobChain()
    {
        var job = JobRulesParser.Parse(new JobRules("rennes", 42, 4, []));

        var script = NftRenderer.RenderJobChange("g5kfw", job, [Node1], []);

        Assert.Equal(
            """
            add chain ip6 g5kfw job_42
            flush chain ip6 g5kfw job_42
            delete element ip6 g5kfw job_hosts { 2001:db8:2::10 }
            delete chain ip6 g5kfw job_42

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
            add rule ip6 g5kfw job_7 meta l4proto ipv6-icmp accept
            add rule ip6 g5kfw job_7 ip6 daddr { 2001:db8:2::10 } meta l4proto { tcp, udp } th dport { 22 } accept
            add element ip6 g5kfw job_hosts { 2001:db8:2::10 : jump job_7 }

            """,
            script);
    }
}
