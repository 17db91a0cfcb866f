using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using G5kFw.EndToEnd.Tests.Site;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests.Services;

/// <summary>
/// The whole service for one test, on its own database and RabbitMQ virtual host, pointed at the shared OAR and DNS
/// servers and at the test's namespaces. One Worker hosts the sagas and the OAR reconciliation, one Worker per
/// firewall hosts only that firewall's agent, as on a firewall host, and the API runs as its own process.
/// </summary>
public sealed class FirewallSystem : IAsyncDisposable
{
    public const string Firewall1 = "fw1";
    public const string Firewall2 = "fw2";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, HostProcess> _agents = [];
    private readonly List<string> _exitedOutput = [];
    private HostProcess? _sagaWorker;
    private HostProcess? _api;

    private readonly int _reconciliationIntervalSeconds;

    private FirewallSystem(IsolatedServices services, SiteNetwork network, int reconciliationIntervalSeconds)
    {
        Services = services;
        Network = network;
        _reconciliationIntervalSeconds = reconciliationIntervalSeconds;
    }

    public IsolatedServices Services { get; }

    public SiteNetwork Network { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<FirewallSystem> StartAsync(
        IsolatedServices services, SiteNetwork network, int reconciliationIntervalSeconds)
    {
        var system = new FirewallSystem(services, network, reconciliationIntervalSeconds);
        try
        {
            await Task.WhenAll(
                system.StartSagaWorkerAsync(),
                system.StartAgentAsync(Firewall1),
                system.StartAgentAsync(Firewall2),
                system.StartApiAsync());
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public string NamespaceOf(string firewall) => firewall == Firewall1 ? Network.Firewall1 : Network.Firewall2;

    /// <summary>
    /// Starts the Worker that runs the firewall's agent, and waits until it is ready and the firewall has a table.
    /// A restarted agent finds its old table and rebuilds it from the desired state.
    /// </summary>
    public async Task StartAgentAsync(string firewall)
    {
        var networkNamespace = NamespaceOf(firewall);
        var agent = await StartHostAsync("G5kFw.Worker", [
            new("Agents:0:Firewall", firewall),
            new("Agents:0:Site", EndToEndSettings.Site),
            new("Agents:0:Namespace", networkNamespace),
            new("Agents:0:ProtectedPrefixes:0", SiteNetwork.ProtectedPrefix),
            new("Agents:0:DriftCheckSeconds", "2"),
            new("Saga:Enabled", "false"),
        ]);
        _agents[firewall] = agent;
        Assert.True(
            await Eventually.HoldsAsync(() => FirewallTable.ExistsAsync(networkNamespace), StartTimeout),
            $"The agent of {firewall} wrote no table in {networkNamespace} within {StartTimeout}.\n{Logs()}");
    }

    /// <summary>Stops the Worker of the firewall's agent with SIGTERM. The firewall keeps its table as it was.</summary>
    public async Task StopAgentAsync(string firewall)
    {
        var agent = _agents[firewall];
        _agents.Remove(firewall);
        await agent.StopAsync(StopTimeout);
        _exitedOutput.Add($"agent Worker of {firewall} (stopped):\n{agent.Output}");
        await agent.DisposeAsync();
    }

    /// <summary>Stops the Worker that hosts the sagas with SIGTERM, as an operator would.</summary>
    public async Task StopSagaWorkerAsync()
    {
        var worker = _sagaWorker!;
        _sagaWorker = null;
        await worker.StopAsync(StopTimeout);
        _exitedOutput.Add($"saga Worker (stopped):\n{worker.Output}");
        await worker.DisposeAsync();
    }

    public async Task StartSagaWorkerAsync() => _sagaWorker = await StartHostAsync("G5kFw.Worker", []);

    /// <summary>Kills the Worker that hosts the sagas with SIGKILL, as a crash would.</summary>
    public async Task KillSagaWorkerAsync()
    {
        var worker = _sagaWorker!;
        _sagaWorker = null;
        await worker.DisposeAsync();
        _exitedOutput.Add($"saga Worker (killed):\n{worker.Output}");
    }

    /// <summary>Deletes every message waiting in a queue of the test's virtual host, through RabbitMQ's management API.</summary>
    public async Task PurgeQueueAsync(string queue)
    {
        var rabbit = Services.Rabbit;
        using var client = new HttpClient
        {
            BaseAddress = new Uri($"http://{rabbit.Host}:{EndToEndSettings.RabbitMqManagementPort}/"),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.Username}:{rabbit.Password}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        var response = await client.DeleteAsync(
            $"api/queues/{Uri.EscapeDataString(rabbit.VirtualHost)}/{Uri.EscapeDataString(queue)}/contents");

        Assert.True(response.IsSuccessStatusCode, $"Purging queue {queue} failed with {(int)response.StatusCode}.");
    }

    /// <summary>Sends a request to the API as the testbed's gateway does, with the user's login in X-Api-User-CN.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string user, long jobId, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"{ApiAddress}/sites/{EndToEndSettings.Site}/firewall/{jobId}");
        request.Headers.Add("X-Api-User-CN", user);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> OpenTcpAsync(string user, long jobId, string address, params int[] ports) =>
        SendAsync(HttpMethod.Post, user, jobId,
            $"[{{\"addr\": \"{address}\", \"port\": [{string.Join(", ", ports)}]}}]");

    /// <summary>Returns the output of every host that this test started, for failure messages.</summary>
    public string Logs()
    {
        var hosts = _exitedOutput
            .Concat(_agents.Select(agent => $"agent Worker of {agent.Key}:\n{agent.Value.Output}"))
            .Append($"saga Worker:\n{_sagaWorker?.Output}")
            .Append($"API:\n{_api?.Output}");
        return string.Join("\n\n", hosts);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var host in _agents.Values.Append(_sagaWorker).Append(_api).OfType<HostProcess>())
        {
            await host.DisposeAsync();
        }
    }

    private string ApiAddress { get; set; } = "";

    private async Task StartApiAsync()
    {
        var port = FreePort.Next();
        ApiAddress = $"http://127.0.0.1:{port}";
        _api = await StartHostAsync("G5kFw.Api", [
            new("Urls", ApiAddress),
            new("Dns:Servers:0", EndToEndSettings.DnsServer),
            new("Api:ReplyTimeoutSeconds", "20"),
        ]);
    }

    private async Task<HostProcess> StartHostAsync(string project, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var all = CommonSettings().Concat(settings).ToList();
        if (!all.Any(setting => setting.Key == "Urls"))
        {
            all.Add(new("Urls", $"http://127.0.0.1:{FreePort.Next()}"));
        }

        var address = all.Last(setting => setting.Key == "Urls").Value!;
        var host = HostProcess.Start(project, all);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.HoldsAsync(
            async () =>
            {
                if (host.HasExited)
                {
                    return true;
                }

                try
                {
                    return (await client.GetAsync($"{address}/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            StartTimeout,
            TimeSpan.FromMilliseconds(250));
        if (!ready || host.HasExited)
        {
            await host.DisposeAsync();
            Assert.Fail($"{project} did not become ready at {address} within {StartTimeout}:\n{host.Output}");
        }

        return host;
    }

    /// <summary>The settings every host shares: the test's database and virtual host, the site and short timings.</summary>
    private IEnumerable<KeyValuePair<string, string?>> CommonSettings()
    {
        var site = EndToEndSettings.Site;
        return Services.Rabbit.ToSettings().Concat<KeyValuePair<string, string?>>([
            new("ConnectionStrings:Postgres", Services.Postgres),
            new($"Sites:{site}:Firewalls:0", Firewall1),
            new($"Sites:{site}:Firewalls:1", Firewall2),
            new($"Sites:{site}:Oar:ConnectionString", EndToEndSettings.OarConnectionString),
            new($"Sites:{site}:HostIpv6NamePattern", EndToEndSettings.HostIpv6NamePattern),
            new("Oar:ReconciliationIntervalSeconds", _reconciliationIntervalSeconds.ToString(CultureInfo.InvariantCulture)),
            new("Saga:RetrySeconds", "2"),
            // The saga answers 202 when a firewall has not applied within this wait. Four processes that have just
            // started share two cores here, and a first apply once took more than 3 s, so the wait leaves room.
            new("Saga:ReplyTimeoutSeconds", "8"),
            new("Startup:TimeoutSeconds", "30"),
        ]);
    }
}
