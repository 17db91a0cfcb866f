using System.Net;
using System.Net.Sockets;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Tests.Lab;
using static G5kFw.Firewall.Tests.Lab.LabNetwork;

namespace G5kFw.Firewall.Tests.DataPlane;

public class JobLifecycleTests : LabTestBase
{
    [Fact]
    public async Task JobRemoval_KeepsOtherJobOpen()
    {
        await ApplyAsync(50, 1, TcpUdp(Node1Address, new PortRange(80, 80)));
        await ApplyAsync(51, 1, TcpUdp(Node2Address, new PortRange(22, 22)));
        await AssertTrafficAsync(passing: [.. AllKinds(Node1Address, 80), .. AllKinds(Node2Address, 22)], blocked: []);

        await ApplyAsync(50, 2);

        await AssertTrafficAsync(passing: [.. AllKinds(Node2Address, 22)], blocked: [.. AllKinds(Node1Address, 80)]);
        foreach (var agent in Agents)
        {
            Assert.Empty(await agent.RepairDriftAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task JobRemoval_EndsTrackedConnections()
    {
        await ApplyAsync(55, 1, TcpUdp(Node1Address, new PortRange(80, 80)));
        using var connection = NamespaceThread.Run(Lab.Outside, () =>
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(Node1Address, 80));
            return socket;
        });
        Assert.True(await IsTrackedAsync(Lab.Firewall1, Node1Address));
        Assert.True(await IsTrackedAsync(Lab.Firewall2, Node1Address));

        await ApplyAsync(55, 2);

        Assert.False(await IsTrackedAsync(Lab.Firewall1, Node1Address));
        Assert.False(await IsTrackedAsync(Lab.Firewall2, Node1Address));
    }

    [Fact]
    public async Task HostPassingToNewJob_LosesOldOpenings()
    {
        await ApplyAsync(60, 1, TcpUdp(Node1Address, new PortRange(80, 80)));

        await ApplyAsync(61, 1, TcpUdp(Node1Address, new PortRange(22, 22)));

        await AssertTrafficAsync(passing: [.. AllKinds(Node1Address, 22)], blocked: [.. Ports(Node1Address, 80)]);

        // A late retry of the ended job's rules must not take the host back from the later job.
        await ApplyAsync(60, 2, TcpUdp(Node1Address, new PortRange(80, 81)));
        await AssertTrafficAsync(passing: [.. Ports(Node1Address, 22)], blocked: [.. Ports(Node1Address, 80, 81)]);

        await ApplyAsync(60, 3);
        await AssertTrafficAsync(passing: [.. AllKinds(Node1Address, 22)], blocked: [.. Ports(Node1Address, 80)]);
    }

    [Fact]
    public async Task OlderGeneration_IsIgnoredAndAcknowledged()
    {
        await ApplyAsync(70, 5, TcpUdp(Node1Address, new PortRange(80, 80)));

        var stale = await Agent1.ApplyAsync(
            new JobRules(Site, 70, 4, [TcpUdp(Node1Address, new PortRange(22, 22))]), CancellationToken.None);
        var duplicate = await Agent1.ApplyAsync(
            new JobRules(Site, 70, 5, [TcpUdp(Node1Address, new PortRange(22, 22))]), CancellationToken.None);

        Assert.Null(stale.FailureReason);
        Assert.Equal(5, stale.Generation);
        Assert.Null(duplicate.FailureReason);
        Assert.Equal(5, duplicate.Generation);
        await AssertTrafficAsync(passing: [.. Ports(Node1Address, 80)], blocked: [.. Ports(Node1Address, 22)]);
    }

    [Fact]
    public async Task InvalidOpening_FailsWithoutChangingTable()
    {
        await ApplyAsync(80, 1, TcpUdp(Node1Address, new PortRange(80, 80)));

        var outcome = await Agent1.ApplyAsync(
            new JobRules(Site, 80, 2, [new Opening(["2001:db8:2:1::10/128"], [new(0, 80)], OpeningProtocol.TcpUdp,
                null)]),
            CancellationToken.None);

        Assert.Equal(2, outcome.Generation);
        Assert.Contains("port range 0..80", outcome.FailureReason, StringComparison.Ordinal);
        await AssertTrafficAsync(passing: [.. Ports(Node1Address, 80)], blocked: []);
    }

    private static async Task<bool> IsTrackedAsync(string firewall, IPAddress destination)
    {
        var (_, output) = await Shell.RunAsync(
            "ip", "netns", "exec", firewall, "conntrack", "-L", "-f", "ipv6", "-d", destination.ToString());
        return output.Contains($"dst={destination}", StringComparison.Ordinal);
    }
}
