using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Tests.Lab;
using Microsoft.Extensions.Logging.Abstractions;
using static G5kFw.Firewall.Tests.Lab.LabNetwork;

namespace G5kFw.Firewall.Tests.DataPlane;

public class DriftRepairTests : LabTestBase
{
    [Fact]
    public async Task FlushedTable_IsRebuilt()
    {
        await RebuildBothAsync(new JobRules(Site, 90, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]));
        await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "flush", "table", "ip6", "g5kfw");
        await Shell.InNamespaceAsync(Lab.Firewall2, "nft", "flush", "table", "ip6", "g5kfw");

        // nft 1.0.6 flushes the rules of every chain and keeps chains and sets, so the table drops nothing.
        // Only the first firewall is repaired, so whatever is blocked afterwards is blocked by that firewall.
        await AssertTrafficAsync(passing: [.. Ports(Node1Address, 80, 22)], blocked: []);
        var differences = await Agent1.RepairDriftAsync(CancellationToken.None);

        Assert.Contains("chain forward has 0 rules, expected 5", differences);
        await AssertTrafficAsync(passing: [.. AllKinds(Node1Address, 80)], blocked: [.. Ports(Node1Address, 22)]);
        Assert.Empty(await Agent1.RepairDriftAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeletedMapElement_IsRestored()
    {
        await RebuildBothAsync(new JobRules(Site, 91, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]));
        await Shell.InNamespaceAsync(Lab.Firewall2, "nft", "delete", "element", "ip6", "g5kfw", "job_hosts",
            "{ 2001:db8:2:1::10 }");
        await AssertTrafficAsync(passing: [], blocked: [.. AllKinds(Node1Address, 80)]);

        var differences = await Agent2.RepairDriftAsync(CancellationToken.None);

        Assert.Equal(["host 2001:db8:2:1::10 is missing from map job_hosts"], differences);
        await AssertTrafficAsync(passing: [.. AllKinds(Node1Address, 80)], blocked: []);
    }

    [Fact]
    public async Task DeletedRule_IsRestored()
    {
        await RebuildBothAsync(new JobRules(Site, 92, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]));
        var listing = await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "-a", "list", "chain", "ip6", "g5kfw",
            "job_92");
        var handle = listing.Split('\n')
            .Single(line => line.Contains("@job_92_g1_tcpudp accept", StringComparison.Ordinal))
            .Split("# handle ")[1]
            .Trim();
        await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "delete", "rule", "ip6", "g5kfw", "job_92", "handle",
            handle);
        await AssertTrafficAsync(passing: [], blocked: [.. Ports(Node1Address, 80)]);

        var differences = await Agent1.RepairDriftAsync(CancellationToken.None);

        Assert.Equal(["chain job_92 has 4 rules, expected 5"], differences);
        await AssertTrafficAsync(passing: [.. Ports(Node1Address, 80)], blocked: []);
    }

    [Fact]
    public async Task DriftBeforeOwnJobChange_IsFound()
    {
        await RebuildBothAsync(
            new JobRules(Site, 94, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]),
            new JobRules(Site, 95, 1, [TcpUdp(Node2Address, new PortRange(22, 22))]));
        await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "delete", "element", "ip6", "g5kfw", "job_hosts",
            "{ 2001:db8:2:1::10 }");

        // The agent's own transaction after the deletion must not make the drift check skip the listing.
        await ApplyAsync(95, 2, TcpUdp(Node2Address, new PortRange(22, 23)));
        var differences = await Agent1.RepairDriftAsync(CancellationToken.None);

        Assert.Equal(["host 2001:db8:2:1::10 is missing from map job_hosts"], differences);
        Assert.Empty(await Agent1.RepairDriftAsync(CancellationToken.None));
    }

    [Fact]
    public async Task JobChangeOnDriftedTable_RebuildsTable()
    {
        await RebuildBothAsync(new JobRules(Site, 93, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]));
        await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "delete", "element", "ip6", "g5kfw", "job_hosts",
            "{ 2001:db8:2:1::10 }");

        // Removing the job deletes its map element, which is already gone, so the transaction fails and the
        // agent rebuilds the table instead.
        await ApplyAsync(93, 2, TcpUdp(Node2Address, new PortRange(22, 22)));

        await AssertTrafficAsync(passing: [.. AllKinds(Node2Address, 22)], blocked: [.. AllKinds(Node1Address, 80)]);
        Assert.Empty(await Agent1.RepairDriftAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RestartedAgent_RebuildsSameRules()
    {
        var jobs = new[]
        {
            new JobRules(Site, 94, 3, [TcpUdp(Node1Address, new PortRange(80, 80), new PortRange(1000, 1010))]),
            new JobRules(Site, 95, 1, [All(Node2Address)]),
        };
        await RebuildBothAsync(jobs);
        var before = await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "list", "table", "ip6", "g5kfw");
        Agent1.Dispose();

        using var restarted = await StartAgentAsync("fw1", Lab.Firewall1);
        Assert.False(restarted.KnowsDesiredState);
        await AssertTrafficAsync(
            passing: [.. Ports(Node1Address, 80), .. Ports(Node2Address, 22)],
            blocked: [.. Ports(Node1Address, 22)]);
        var outcomes = await restarted.RebuildAsync(jobs, CancellationToken.None);

        Assert.All(outcomes, outcome => Assert.Null(outcome.FailureReason));
        Assert.Equal(before, await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "list", "table", "ip6", "g5kfw"));
        Assert.Empty(await restarted.RepairDriftAsync(CancellationToken.None));
        await AssertTrafficAsync(
            passing: [.. Ports(Node1Address, 80, 1010), .. Ports(Node2Address, 22)],
            blocked: [.. Ports(Node1Address, 22)]);
    }

    private async Task RebuildBothAsync(params JobRules[] jobs)
    {
        foreach (var agent in Agents)
        {
            var outcomes = await agent.RebuildAsync(jobs, CancellationToken.None);
            Assert.All(outcomes, outcome => Assert.Null(outcome.FailureReason));
        }
    }

    [Fact]
    public async Task BusyFirewall_IsCheckedUnderLockAfterSkips()
    {
        var settings = AgentSettings("fw1", Lab.Firewall1);
        using var agent = new FirewallAgent(settings, new LibNftables(Lab.Firewall1),
            NullLogger<FirewallAgent>.Instance,
            reader: new BusyReader(new LibNftables(Lab.Firewall1)));
        await agent.InitializeAsync(CancellationToken.None);
        var rules = new JobRules(Site, 93, 1, [TcpUdp(Node1Address, new PortRange(80, 80))]);
        Assert.Null(Assert.Single(await agent.RebuildAsync([rules], CancellationToken.None)).FailureReason);
        await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "delete", "element", "ip6", "g5kfw", "job_hosts",
            "{ 2001:db8:2:1::10 }");

        // Every listing of the busy reader sees a transaction, so the first checks skip their comparison.
        for (var check = 1; check <= 3; check++)
        {
            Assert.Empty(await agent.RepairDriftAsync(CancellationToken.None));
        }

        var map = await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "list", "map", "ip6", "g5kfw", "job_hosts");
        Assert.DoesNotContain("2001:db8:2:1::10", map, StringComparison.Ordinal);

        var differences = await agent.RepairDriftAsync(CancellationToken.None);

        Assert.Equal(["host 2001:db8:2:1::10 is missing from map job_hosts"], differences);
        map = await Shell.InNamespaceAsync(Lab.Firewall1, "nft", "list", "map", "ip6", "g5kfw", "job_hosts");
        Assert.Contains("2001:db8:2:1::10", map, StringComparison.Ordinal);
    }

    /// <summary>A reader that commits a transaction in another table before each listing, as a busy host would.</summary>
    private sealed class BusyReader(LibNftables inner) : INftables
    {
        public Task RunAsync(string script, CancellationToken cancellationToken) =>
            inner.RunAsync(script, cancellationToken);

        public async Task<string> ListJsonAsync(string command, CancellationToken cancellationToken)
        {
            await inner.RunAsync("add table ip6 busy_neighbour\n", cancellationToken);
            await inner.RunAsync("delete table ip6 busy_neighbour\n", cancellationToken);
            return await inner.ListJsonAsync(command, cancellationToken);
        }

        public Task<uint?> ReadGenerationAsync(CancellationToken cancellationToken) =>
            inner.ReadGenerationAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
