using System.Net;
using G5kFw.EndToEnd.Tests.Oar;
using G5kFw.EndToEnd.Tests.Services;
using G5kFw.EndToEnd.Tests.Site;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests;

/// <summary>
/// Gives each test its own namespaces, database, RabbitMQ virtual host and running service, routes the OAR hook to
/// that virtual host, and removes all of it after the test, with the OAR jobs it submitted, whether it passed or not.
/// </summary>
[Collection(EndToEndGroup.Name)]
public abstract class EndToEndTest : IAsyncLifetime
{
    protected const string WholeHost = "-l host=1,walltime=0:10:00";
    protected static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(45);
    private readonly IsolatedServices _services = new("e2e");
    private SiteNetwork? _network;
    private OarHookRoute? _hookRoute;

    protected FirewallSystem Service { get; private set; } = null!;

    protected OarJobs Jobs { get; } = new();

    protected OarHookRoute HookRoute => _hookRoute!;

    /// <summary>
    /// Seconds between two OAR reconciliation runs. The default hour leaves job ends to the hook's events, apart
    /// from the run at each start of the saga Worker.
    /// </summary>
    protected virtual int ReconciliationIntervalSeconds => 3600;

    public async Task InitializeAsync()
    {
        // xunit 2 does not call DisposeAsync when InitializeAsync throws, so a failed start cleans up here.
        await _services.InitializeAsync();
        try
        {
            _network = await SiteNetwork.CreateAsync();
            _hookRoute = await OarHookRoute.ToVirtualHostAsync(_services.Rabbit.VirtualHost);
            Service = await FirewallSystem.StartAsync(_services, _network, ReconciliationIntervalSeconds);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Service is not null)
            {
                await Service.DisposeAsync();
            }

            await Jobs.DisposeAsync();
        }
        finally
        {
            if (_hookRoute is not null)
            {
                await _hookRoute.DisposeAsync();
            }

            if (_network is not null)
            {
                await _network.DisposeAsync();
            }

            await _services.DisposeAsync();
        }
    }

    /// <summary>Waits until every firewall opens exactly the expected TCP ports of the job, or fails with the logs.</summary>
    protected async Task AssertFirewallsConvergeAsync(
        long jobId, IReadOnlySet<(IPAddress Host, int Port)> expected, TimeSpan? timeout = null)
    {
        foreach (var firewall in new[] { FirewallSystem.Firewall1, FirewallSystem.Firewall2 })
        {
            await AssertFirewallConvergesAsync(firewall, jobId, expected, timeout);
        }
    }

    protected async Task AssertFirewallConvergesAsync(
        string firewall, long jobId, IReadOnlySet<(IPAddress Host, int Port)> expected, TimeSpan? timeout = null)
    {
        var networkNamespace = Service.NamespaceOf(firewall);
        IReadOnlySet<(IPAddress, int)> actual = new HashSet<(IPAddress, int)>();
        var converged = await Eventually.HoldsAsync(
            async () =>
            {
                actual = await FirewallTable.TcpPortsAsync(networkNamespace, jobId);
                return actual.SetEquals(expected);
            },
            timeout ?? ConvergeTimeout,
            TimeSpan.FromMilliseconds(250));
        if (!converged)
        {
            Assert.Fail(
                $"Firewall {firewall} opens {Describe(actual)} for job {jobId}; expected {Describe(expected)}.\n" +
                $"{await FirewallTable.ListAsync(networkNamespace)}\n{Service.Logs()}");
        }
    }

    /// <summary>
    /// Opens port 1000 of a host for job A of alice, ends job A while its hook events are lost, then submits job B of
    /// bob on the same host and requests port 2000 for it.
    /// </summary>
    protected async Task<HostHandOver> HandOverHostAsync()
    {
        var jobA = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(jobA);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", jobA.JobId, node.ToString(), 1000));
        var closedPort = FreePort.Next();
        await HookRoute.BreakAsync(closedPort);

        await OarJobs.DeleteAsync("alice", jobA.JobId);
        await Jobs.WaitForStateAsync(jobA.JobId, "Terminated");
        await OarHookRoute.LoseJobEventsAsync(jobA.JobId, closedPort);
        await HookRoute.RestoreAsync();

        var host = Assert.Single(jobA.Hosts);
        var jobB = await Jobs.SubmitRunningAsync("bob", $"-p \"host='{host}'\" {WholeHost}");
        Assert.Equal(host, Assert.Single(jobB.Hosts));
        var response = await Service.OpenTcpAsync("bob", jobB.JobId, node.ToString(), 2000);
        return new HostHandOver(jobA, jobB, node, response);
    }

    protected static HashSet<(IPAddress Host, int Port)> Openings(IPAddress host, params int[] ports) =>
        ports.Select(port => (host, port)).ToHashSet();

    protected static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
    }

    private static string Describe(IEnumerable<(IPAddress Host, int Port)> ports)
    {
        var items = ports.Select(item => $"[{item.Host}]:{item.Port}").Order().ToList();
        return items.Count == 0 ? "nothing" : string.Join(", ", items);
    }
}
