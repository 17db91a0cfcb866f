using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Rules;

public class JobSetElementsTests
{
    [Fact]
    public void From_MergesPortsPerHostAcrossRules()
    {
        var elements = JobSetElements.From(Job(
            new Opening(["2001:db8:2::10/128", "2001:db8:2::11/128"], [new(80, 80)], OpeningProtocol.TcpUdp, null),
            new Opening(["2001:db8:2::10/128"], [new(75, 90)], OpeningProtocol.TcpUdp, null)));

        Assert.Equal(["2001:db8:2::10 75..90", "2001:db8:2::11 80..80"],
            elements.TcpUdp.Select(item => $"{item.Host} {item.Ports.First}..{item.Ports.Last}"));
    }

    [Fact]
    public void From_SubtractsEnclosingSourcePorts()
    {
        var elements = JobSetElements.From(Job(
            new Opening(["2001:db8:2::10/128"], [new(20, 30)], OpeningProtocol.TcpUdp, ["2001:db8:1::/48"]),
            new Opening(["2001:db8:2::10/128"], [new(25, 40)], OpeningProtocol.TcpUdp, ["2001:db8:1:5::/64"])));

        Assert.Equal(["2001:db8:1::/48 20..30", "2001:db8:1:5::/64 31..40"],
            elements.TcpUdpFromSources.Select(item => $"{item.Source} {item.Ports.First}..{item.Ports.Last}"));
    }

    [Fact]
    public void From_DropsNestedSourcesOfAllOpenings()
    {
        var elements = JobSetElements.From(Job(
            new Opening(["2001:db8:2::10/128"], [], OpeningProtocol.All, ["2001:db8:1:5::/64"]),
            new Opening(["2001:db8:2::10/128"], [], OpeningProtocol.All, ["2001:db8:1::/48"]),
            new Opening(["2001:db8:2::11/128"], [], OpeningProtocol.All, null)));

        Assert.Equal(["2001:db8:2::10 2001:db8:1::/48"], elements.AllFromSources.Select(item =>
            $"{item.Host} {item.Source}"));
        Assert.Equal(["2001:db8:2::11"], elements.All.Select(host => host.ToString()));
    }

    private static JobFirewallRules Job(params Opening[] openings) => JobRulesParser.Parse(new JobRules("rennes", 42,
        1, openings));
}
