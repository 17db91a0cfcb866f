using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Tests.Lab;
using static G5kFw.Firewall.Tests.Lab.LabNetwork;

namespace G5kFw.Firewall.Tests.DataPlane;

public class OpeningTrafficTests : LabTestBase
{
    [Fact]
    public async Task TcpUdpOpening_PassesOnlyItsPorts()
    {
        await AssertTrafficAsync(passing: [], blocked: [.. AllKinds(Node1Address, 80), .. AllKinds(Node2Address, 80)]);

        await ApplyAsync(42, 1, TcpUdp(Node1Address, new PortRange(80, 80), new PortRange(1000, 1010)));

        await AssertTrafficAsync(
            passing: [.. AllKinds(Node1Address, 80), .. Ports(Node1Address, 1000, 1010)],
            blocked: [.. Ports(Node1Address, 81, 999, 1011, 22), .. AllKinds(Node2Address, 80), .. Ports(Node2Address,
                1000)]);
    }

    [Fact]
    public async Task AllOpening_PassesEveryProtocolOfItsHost()
    {
        await AssertTrafficAsync(passing: [], blocked: [.. AllKinds(Node2Address, 5000)]);

        await ApplyAsync(43, 1, All(Node2Address));

        await AssertTrafficAsync(
            passing: [.. AllKinds(Node2Address, 5000), .. Ports(Node2Address, 22, 1011)],
            blocked: [.. AllKinds(Node1Address, 5000)]);
    }

    [Fact]
    public async Task SourceRestriction_PassesOnlyItsNetwork()
    {
        var fromOther = AllKinds(Node1Address, 22, OtherOutsideAddress);
        await AssertTrafficAsync(passing: [], blocked: [.. AllKinds(Node1Address, 22), .. fromOther]);

        await ApplyAsync(44, 1, new Opening(["2001:db8:2:1::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp,
            ["2001:db8:1::/64"]));

        // ICMPv6 is accepted for every destination with an opening, whatever the opening's sources.
        await AssertTrafficAsync(
            passing: [.. AllKinds(Node1Address, 22), fromOther[2]],
            blocked: [fromOther[0], fromOther[1], .. Ports(Node1Address, 80)]);
    }

    [Fact]
    public async Task OverlappingOpenings_ApplyInOneTransaction()
    {
        await ApplyAsync(45, 1,
            TcpUdp(Node1Address, new PortRange(999, 1000), new PortRange(80, 80)),
            TcpUdp(Node1Address, new PortRange(1000, 1010), new PortRange(80, 81)),
            new Opening(["2001:db8:2:1::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, ["2001:db8:1::/64",
                "2001:db8:1::2/128"]),
            new Opening(["2001:db8:2:1::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, ["2001:db8:1::/48"]));

        await AssertTrafficAsync(
            passing: [.. Ports(Node1Address, 22, 80, 81, 999, 1000, 1010)],
            blocked: [.. Ports(Node1Address, 1011, 5000)]);
    }
}
