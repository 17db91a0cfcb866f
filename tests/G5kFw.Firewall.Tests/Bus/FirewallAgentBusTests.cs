using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Tests.Lab;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static G5kFw.Firewall.Tests.Lab.LabNetwork;

namespace G5kFw.Firewall.Tests.Bus;

/// <summary>
/// Runs both firewalls' agents in one service provider, as the Worker does, on MassTransit's in-memory test
/// harness, and drives them with the saga's messages.
/// </summary>
[Collection(LabCollectionDefinition.Name)]
public sealed class FirewallAgentBusTests : IAsyncLifetime
{
    private static readonly TimeSpan RepairTimeout = TimeSpan.FromSeconds(15);
    private LabNetwork _lab = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private List<IHostedService> _agentServices = [];

    public async Task InitializeAsync()
    {
        _lab = await LabNetwork.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Agents:0:Firewall"] = "fw1",
                ["Agents:0:Site"] = LabTestBase.Site,
                ["Agents:0:Namespace"] = _lab.Firewall1,
                ["Agents:0:ProtectedPrefixes:0"] = ProtectedPrefix,
                ["Agents:0:DriftCheckSeconds"] = "1",
                ["Agents:1:Firewall"] = "fw2",
                ["Agents:1:Site"] = LabTestBase.Site,
                ["Agents:1:Namespace"] = _lab.Firewall2,
                ["Agents:1:ProtectedPrefixes:0"] = ProtectedPrefix,
                ["Agents:1:DriftCheckSeconds"] = "1",
            })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddMassTransitTestHarness(bus => bus.AddFirewallAgents(configuration))
            .BuildServiceProvider(validateScopes: true);
        _harness = _services.GetTestHarness();
        await _harness.Start();

        _agentServices = _services.GetServices<IHostedService>().OfType<FirewallAgentService>()
            .ToList<IHostedService>();
        foreach (var service in _agentServices)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var service in _agentServices)
            {
                await service.StopAsync(CancellationToken.None);
            }

            await _harness.Stop();
            await _services.DisposeAsync();
        }
        finally
        {
            await _lab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agents_ApplyRebuildAndRepairDrift()
    {
        Assert.True(await _harness.Published.Any<FirewallAgentStarted>(message =>
            message.Context.Message.Firewall == "fw1"));
        Assert.True(await _harness.Published.Any<FirewallAgentStarted>(message =>
            message.Context.Message.Firewall == "fw2"));
        var open = new Probe(ProbeKind.Tcp, Node1Address, 80, OutsideAddress);
        var closed = new Probe(ProbeKind.Tcp, Node1Address, 22, OutsideAddress);
        var rules = new JobRules(LabTestBase.Site, 100, 1,
            [new Opening(["2001:db8:2:1::10/128"], [new(80, 80)], OpeningProtocol.TcpUdp, null)]);

        foreach (var firewall in new[] { "fw1", "fw2" })
        {
            var endpoint = await _harness.Bus.GetSendEndpoint(new Uri($"queue:firewall-{firewall}"));
            await endpoint.Send(new ApplyJobRules(firewall, rules));
        }

        Assert.True(await _harness.Published.Any<JobRulesApplied>(
            message => message.Context.Message is { Firewall: "fw1", JobId: 100, Generation: 1 }));
        Assert.True(await _harness.Published.Any<JobRulesApplied>(
            message => message.Context.Message is { Firewall: "fw2", JobId: 100, Generation: 1 }));
        Assert.True(await _lab.SendAsync(open));
        Assert.False(await _lab.SendAsync(closed));

        foreach (var firewall in new[] { "fw1", "fw2" })
        {
            var endpoint = await _harness.Bus.GetSendEndpoint(new Uri($"queue:firewall-{firewall}"));
            await endpoint.Send(new RebuildFirewall(LabTestBase.Site, firewall, [rules with { Generation = 2 }]));
        }

        Assert.True(await _harness.Published.Any<JobRulesApplied>(
            message => message.Context.Message is { Firewall: "fw1", Generation: 2 }));
        Assert.True(await _harness.Published.Any<JobRulesApplied>(
            message => message.Context.Message is { Firewall: "fw2", Generation: 2 }));

        await Shell.InNamespaceAsync(_lab.Firewall1, "nft", "flush", "table", "ip6", "g5kfw");
        await Shell.InNamespaceAsync(_lab.Firewall2, "nft", "flush", "table", "ip6", "g5kfw");

        Assert.True(await WaitUntilAsync(async () => !await _lab.SendAsync(closed)),
            $"{closed} still passes after {RepairTimeout}.");
        Assert.True(await _lab.SendAsync(open));
    }

    [Fact]
    public async Task UnknownFirewall_RepliesFailed()
    {
        Assert.True(await _harness.Published.Any<FirewallAgentStarted>(message =>
            message.Context.Message.Firewall == "fw1"));
        var rules = new JobRules(LabTestBase.Site, 101, 1, []);
        var endpoint = await _harness.Bus.GetSendEndpoint(new Uri("queue:firewall-fw1"));

        await endpoint.Send(new ApplyJobRules("fw9", rules));

        Assert.True(await _harness.Consumed.Any<ApplyJobRules>());
        Assert.True(await _harness.Published.Any<JobRulesFailed>(message =>
            message.Context.Message is { Firewall: "fw9", JobId: 101 }));
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + RepairTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
        }

        return false;
    }
}
