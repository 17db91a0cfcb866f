using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace G5kFw.Firewall.Tests.Lab;

/// <summary>
/// Builds a fresh lab network for each test, with one agent per firewall, and deletes its namespaces after the
/// test, whether it passed or failed.
/// </summary>
[Collection(LabCollectionDefinition.Name)]
public abstract class LabTestBase : IAsyncLifetime
{
    public const string Site = "rennes";

    internal LabNetwork Lab { get; private set; } = null!;

    internal FirewallAgent Agent1 { get; private set; } = null!;

    internal FirewallAgent Agent2 { get; private set; } = null!;

    internal IEnumerable<FirewallAgent> Agents => [Agent1, Agent2];

    public async Task InitializeAsync()
    {
        Lab = await LabNetwork.CreateAsync();
        Agent1 = await StartAgentAsync("fw1", Lab.Firewall1);
        Agent2 = await StartAgentAsync("fw2", Lab.Firewall2);
    }

    public async Task DisposeAsync()
    {
        try
        {
            Agent1?.Dispose();
            Agent2?.Dispose();
        }
        finally
        {
            await Lab.DisposeAsync();
        }
    }

    internal static async Task<FirewallAgent> StartAgentAsync(string firewall, string networkNamespace)
    {
        var settings = AgentSettings(firewall, networkNamespace);
        var agent = new FirewallAgent(settings, new LibNftables(networkNamespace), NullLogger<FirewallAgent>.Instance,
            reader: new LibNftables(networkNamespace));
        await agent.InitializeAsync(CancellationToken.None);
        return agent;
    }

    internal static FirewallAgentSettings AgentSettings(string firewall, string networkNamespace) => new()
    {
        Firewall = firewall,
        Site = Site,
        Namespace = networkNamespace,
        ProtectedPrefixes = [LabNetwork.ProtectedPrefix],
    };

    /// <summary>Applies the job's rules on both firewalls and checks that each agent applied the generation.</summary>
    internal async Task ApplyAsync(long jobId, long generation, params Opening[] openings)
    {
        var rules = new JobRules(Site, jobId, generation, openings);
        foreach (var agent in Agents)
        {
            var outcome = await agent.ApplyAsync(rules, CancellationToken.None);
            Assert.Null(outcome.FailureReason);
            Assert.Equal(generation, outcome.Generation);
        }
    }

    /// <summary>Sends every probe and asserts, probe by probe, that exactly the expected ones got through.</summary>
    internal async Task AssertTrafficAsync(IEnumerable<Probe> passing, IEnumerable<Probe> blocked)
    {
        var expected = passing.Select(probe => (probe, true)).Concat(blocked.Select(probe => (probe, false))).ToList();

        var results = await Lab.SendAsync(expected.Select(item => item.probe));

        var tables = results.Zip(expected).Any(pair => pair.First.Passed != pair.Second.Item2)
            ? await Lab.ListTablesAsync()
            : "";
        foreach (var ((probe, passed), (_, shouldPass)) in results.Zip(expected))
        {
            Assert.True(passed == shouldPass,
                $"{probe}: expected {(shouldPass ? "to pass" : "to be blocked")}, " +
                $"but it {(passed ? "passed" : "was blocked")}.\n{tables}");
        }
    }

    internal static Probe[] AllKinds(IPAddress destination, int port, IPAddress? source = null) =>
    [
        new(ProbeKind.Tcp, destination, port, source ?? LabNetwork.OutsideAddress),
        new(ProbeKind.Udp, destination, port, source ?? LabNetwork.OutsideAddress),
        new(ProbeKind.Icmp, destination, 0, source ?? LabNetwork.OutsideAddress),
    ];

    internal static Probe[] Ports(IPAddress destination, params int[] ports) => ports
        .SelectMany(port => new Probe[]
        {
            new(ProbeKind.Tcp, destination, port, LabNetwork.OutsideAddress),
            new(ProbeKind.Udp, destination, port, LabNetwork.OutsideAddress),
        })
        .ToArray();

    internal static Probe Ping(IPAddress destination) => new(ProbeKind.Icmp, destination, 0, LabNetwork.OutsideAddress);

    internal static Opening TcpUdp(IPAddress host, params PortRange[] ports) =>
        new([$"{host}/128"], ports, OpeningProtocol.TcpUdp, null);

    internal static Opening All(IPAddress host) => new([$"{host}/128"], [], OpeningProtocol.All, null);
}
