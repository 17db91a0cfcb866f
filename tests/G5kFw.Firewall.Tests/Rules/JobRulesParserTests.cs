using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Rules;

public class JobRulesParserTests
{
    [Fact]
    public void Parse_MergesPortsOfSameHost()
    {
        var job = JobRulesParser.Parse(Rules(
            TcpUdp(["2001:db8:2::10/128"], new PortRange(1000, 2000), new PortRange(80, 80)),
            TcpUdp(["2001:db8:2::10/128"], new PortRange(1500, 3000))));

        var rule = Assert.Single(job.Rules);
        Assert.Equal([new PortRange(80, 80), new PortRange(1000, 3000)], rule.Ports);
    }

    [Fact]
    public void Parse_MergesHostsWithSamePorts()
    {
        var job = JobRulesParser.Parse(Rules(
            TcpUdp(["2001:db8:2::11/128"], new PortRange(22, 22)),
            TcpUdp(["2001:db8:2::10/128", "2001:db8:2::11/128"], new PortRange(22, 22))));

        var rule = Assert.Single(job.Rules);
        Assert.Equal(["2001:db8:2::10", "2001:db8:2::11"], rule.Destinations.Select(host => host.ToString()));
        Assert.Equal(2, job.Hosts.Count);
    }

    [Fact]
    public void Parse_KeepsSourceRestrictedOpeningApart()
    {
        var job = JobRulesParser.Parse(Rules(
            TcpUdp(["2001:db8:2::10/128"], new PortRange(22, 22)),
            TcpUdp(["2001:db8:2::10/128"], new PortRange(22, 22)) with { Sources = ["2001:db8:1::/64",
                "2001:db8:1::7/128"] }));

        Assert.Equal(2, job.Rules.Count);
        var restricted = Assert.Single(job.Rules, rule => rule.Sources is not null);
        Assert.Equal(["2001:db8:1::/64"], restricted.Sources!.Select(prefix => prefix.ToString()));
    }

    [Fact]
    public void Parse_IgnoresPortsOfAllOpening()
    {
        var job = JobRulesParser.Parse(Rules(
            new Opening(["2001:db8:2::10/128"], [new PortRange(80, 80)], OpeningProtocol.All, null)));

        var rule = Assert.Single(job.Rules);
        Assert.Equal(OpeningProtocol.All, rule.Protocol);
        Assert.Empty(rule.Ports);
    }

    [Theory]
    [InlineData("2001:db8:2::/64", "destination '2001:db8:2::/64'")]
    [InlineData("node-1.example.org", "destination 'node-1.example.org'")]
    [InlineData("2001:db8::1 } flush ruleset {", "destination '2001:db8::1 } flush ruleset {'")]
    public void Parse_RejectsDestinationThatIsNotAHostAddress(string address, string expected)
    {
        var exception = Assert.Throws<InvalidJobRulesException>(() => JobRulesParser.Parse(Rules(
            TcpUdp([address], new PortRange(22, 22)))));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Opening 0", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 65536)]
    [InlineData(20, 10)]
    public void Parse_RejectsInvalidPortRange(int first, int last)
    {
        var exception = Assert.Throws<InvalidJobRulesException>(() => JobRulesParser.Parse(Rules(
            TcpUdp(["2001:db8:2::10/128"], new PortRange(first, last)))));

        Assert.Contains($"{first}..{last}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsTcpUdpOpeningWithoutPorts()
    {
        Assert.Throws<InvalidJobRulesException>(() => JobRulesParser.Parse(Rules(TcpUdp(["2001:db8:2::10/128"]))));
    }

    [Fact]
    public void Parse_RejectsInvalidSource()
    {
        var exception = Assert.Throws<InvalidJobRulesException>(() => JobRulesParser.Parse(Rules(
            TcpUdp(["2001:db8:2::10/128"], new PortRange(22, 22)) with { Sources = ["10.0.0.0/8"] })));

        Assert.Contains("source '10.0.0.0/8'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReturnsNoRulesForNoOpenings()
    {
        var job = JobRulesParser.Parse(Rules());

        Assert.Empty(job.Rules);
        Assert.Empty(job.Hosts);
    }

    private static JobRules Rules(params Opening[] openings) => new("rennes", 42, 1, openings);

    private static Opening TcpUdp(IReadOnlyList<string> addresses, params PortRange[] ports) =>
        new(addresses, ports, OpeningProtocol.TcpUdp, null);
}
