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
        using var connection = Connect(Node1Address, 80);
        Assert.True(await IsTrackedAsync(Lab.Firewall1, Node1Address));
        Assert.True(await IsTrackedAsync(Lab.Firewall2, Node1Address));

        await ApplyAsync(55, 2);

        Assert.False(await IsTrackedAsync(Lab.Firewall1, Node1Address));
        Assert.False(await IsTrackedAsync(Lab.Firewall2, Node1Address));
    }

    [Fact]
    public async Task RestartRebuild_EndsConnectionsOfDroppedHosts()
    {
        await ApplyAsync(56, 1, TcpUdp(Node1Address, new PortRange(80, 80)));
        await ApplyAsync(57, 1, TcpUdp(Node2Address, new PortRange(22, 22)));
        using var droppedConnection = Connect(Node1Address, 80);
        using var keptConnection = Connect(Node2Address, 22);

        // Restarted agents find the old table, and the desired state no longer has job 56.
        var survivor = new JobRules(Site, 57, 1, [TcpUdp(Node2Address, new PortRange(22, 22))]);
        foreach (var (firewall, networkNamespace) in new[] { ("fw1", Lab.Firewall1), ("fw2", Lab.Firewall2) })
        {
            using var restarted = await StartAgentAsync(firewall, networkNamespace);
            var outcomes = await restarted.RebuildAsync([survivor], CancellationToken.None);
            Assert.Null(Assert.Single(outcomes).FailureReason);
        }

        foreach (var firewall in new[] { Lab.Firewall1, Lab.Firewall2 })
        {
            Assert.False(await IsTrackedAsync(firewall, Node1Address), $"{firewall} still tracks [{Node1Address}]:80");
            Assert.True(await IsTrackedAsync(firewall, Node2Address), $"{firewall} lost [{Node2Address}]:22");
        }
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

    /// <summary>Opens a TCP connection from the outside host, which the firewalls then track.</summary>
    private Socket Connect(IPAddress destination, int port) => NamespaceThread.Run(Lab.Outside, () =>
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(new IPEndPoint(destination, port));
        return socket;
    });

    private static async Task<bool> IsTrackedAsync(string firewall, IPAddress destination)
    {
        var (_, output) = await Shell.RunAsync(
            "ip", "netns", "exec", firewall, "conntrack", "-L", "-f", "ipv6", "-d", destination.ToString());
        return output.Contains($"dst={destination}", StringComparison.Ordinal);
    }
}
