using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using G5kFw.Testing;

namespace G5kFw.Lab.Tests;

/// <summary>
/// Replays the walk-through of docs/walkthrough.md on a lab that is up. alice opens port 22 of her job's host and
/// reaches it from the outside host, but nothing else. She gets 202 while one firewall's agent is stopped, and her
/// openings go when her job ends. bob can neither read nor change them, nor open alice's host.
/// </summary>
public sealed class UserStoryTests : IAsyncLifetime
{
    // The lab's OAR hosts are shared with other test suites, so a job may wait for a free host.
    private static readonly TimeSpan JobStartTimeout = TimeSpan.FromMinutes(10);

    // The Worker retries a firewall that missed a change every 5 s in the lab (LAB_RETRY_SECONDS).
    private static readonly TimeSpan AgentCatchUpTimeout = TimeSpan.FromSeconds(60);

    // OAR's epilogue hook reports the job's end at once. When that event is lost, the reconciliation, every 30 s in
    // the lab, ends the job.
    private static readonly TimeSpan JobEndTimeout = TimeSpan.FromSeconds(120);

    private readonly List<Process> _listeners = [];
    private readonly List<OarJob> _jobs = [];
    private readonly List<string> _stoppedAgents = [];
    private Lab _lab = null!;
    private FirewallApi _api = null!;

    public async Task InitializeAsync()
    {
        _lab = await Lab.ConnectAsync();
        _api = new FirewallApi(_lab.ApiUrl, _lab.Site);
    }

    public async Task DisposeAsync()
    {
        foreach (var firewall in _stoppedAgents)
        {
            await Lab.StartAgentAsync(firewall);
        }

        foreach (var job in _jobs)
        {
            await job.DisposeAsync();
        }

        foreach (var listener in _listeners)
        {
            listener.Kill(entireProcessTree: true);
            await listener.WaitForExitAsync();
            listener.Dispose();
        }

        _api?.Dispose();
    }

    [Fact]
    public async Task WalkthroughReplaysUserStory()
    {
        var alice = await SubmitJobAsync("alice");
        var bob = await SubmitJobAsync("bob");
        var node = alice.Hosts[0];
        var name = Ipv6NameOf(node);
        var address = await AddressOfAsync(name);

        var opened = await _api.PostAsync("alice", alice.Id, $$"""[{"addr": "{{name}}", "port": 22}]""");
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal("application/json", opened.MediaType);
        AssertOpenings(opened.Body, (address, "[22]"));

        await ListenAsync(node, 22);
        await ListenAsync(node, 23);
        Assert.True(await Lab.PingsFromOutsideAsync(name), $"outside cannot ping {name}, which has an opening");
        Assert.True(await Lab.ConnectsFromOutsideAsync(name, 22), $"outside cannot connect to port 22 of {name}");
        Assert.False(await Lab.ConnectsFromOutsideAsync(name, 23), $"outside connected to port 23 of {name}");

        // Other test suites share the lab, and their jobs may open other nodes. bob's node is held by this test's
        // job without openings, so no one can open it.
        var other = bob.Hosts[0];
        await ListenAsync(other, 22);
        var otherName = Ipv6NameOf(other);
        Assert.False(await Lab.ConnectsFromOutsideAsync(otherName, 22), $"outside connected to port 22 of {other}");
        Assert.False(await Lab.PingsFromOutsideAsync(otherName), $"outside pinged {other}, which has no opening");

        var listed = await _api.GetAsync("alice", alice.Id);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        AssertOpenings(listed.Body, (address, "[22]"));

        await AssertBobIsRejectedAsync(alice, bob, name);

        var firewall = _lab.Firewalls[^1];
        await Lab.StopAgentAsync(firewall);
        _stoppedAgents.Add(firewall);
        var pending = await _api.PostAsync("alice", alice.Id, $$"""[{"addr": "{{name}}", "port": 8080}]""");
        Assert.Equal(HttpStatusCode.Accepted, pending.Status);
        AssertOpenings(pending.Body, (address, "[8080]"));
        await ListenAsync(node, 8080);
        Assert.False(
            await Lab.ConnectsFromOutsideAsync(name, 8080), $"port 8080 is open while agent {firewall} is stopped");

        await Lab.StartAgentAsync(firewall);
        _stoppedAgents.Remove(firewall);
        Assert.True(
            await Eventually.HoldsAsync(() => Lab.ConnectsFromOutsideAsync(name, 8080), AgentCatchUpTimeout),
            $"port 8080 of {name} stayed closed {AgentCatchUpTimeout.TotalSeconds} s after agent {firewall} started");
        var status = (await Command.RunAsync(Lab.Script, ["status"], TimeSpan.FromSeconds(60))).Check();
        Assert.Contains($"agent {firewall}: running", status, StringComparison.Ordinal);

        await alice.DeleteAsync();
        Assert.True(
            await Eventually.HoldsAsync(async () => !await Lab.ConnectsFromOutsideAsync(name, 22), JobEndTimeout),
            $"port 22 of {name} stayed open {JobEndTimeout.TotalSeconds} s after oardel {alice.Id}");
        Assert.False(await Lab.ConnectsFromOutsideAsync(name, 8080), $"port 8080 of {name} is open after oardel");
        var afterEnd = await _api.GetAsync("alice", alice.Id);
        Assert.Equal(HttpStatusCode.OK, afterEnd.Status);
        Assert.Equal("[]", afterEnd.Body?.ToJsonString());
    }

    private async Task AssertBobIsRejectedAsync(OarJob alice, OarJob bob, string aliceName)
    {
        var read = await _api.GetAsync("bob", alice.Id);
        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Equal("application/problem+json", read.MediaType);
        Assert.Contains("belongs to alice", read.Body?["message"]?.GetValue<string>(), StringComparison.Ordinal);

        var change = await _api.PostAsync("bob", alice.Id, $$"""[{"addr": "{{aliceName}}", "port": 80}]""");
        Assert.Equal(HttpStatusCode.Forbidden, change.Status);

        var removal = await _api.DeleteAsync("bob", alice.Id);
        Assert.Equal(HttpStatusCode.Forbidden, removal.Status);

        var foreignHost = await _api.PostAsync("bob", bob.Id, $$"""[{"addr": "{{aliceName}}", "port": 22}]""");
        Assert.Equal(HttpStatusCode.Forbidden, foreignHost.Status);
        var foreignMessage = foreignHost.Body?["message"]?.GetValue<string>();
        Assert.Contains($"job {bob.Id} holds", foreignMessage, StringComparison.Ordinal);

        var unchanged = await _api.GetAsync("alice", alice.Id);
        Assert.Equal(HttpStatusCode.OK, unchanged.Status);
        Assert.Equal(1, unchanged.Body?.AsArray().Count);
    }

    private async Task<OarJob> SubmitJobAsync(string user)
    {
        var job = await OarJob.SubmitAsync(user, JobStartTimeout);
        _jobs.Add(job);
        return job;
    }

    /// <summary>Starts a listener on a node's port and waits until it accepts connections.</summary>
    private async Task ListenAsync(string node, int port)
    {
        _listeners.Add(Lab.Listen(node, port));
        var listening = await Eventually.HoldsAsync(
            async () =>
            {
                var sockets = await Lab.ExecAsync(node, "ss", "-Hltn", $"sport = :{port}");
                return sockets.Output.Contains("LISTEN", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10));
        Assert.True(listening, $"no listener on port {port} of {node} after 10 s");
    }

    private string Ipv6NameOf(string node) => _lab.NodeIpv6Names[_lab.Nodes.ToList().IndexOf(node)];

    /// <summary>Returns the host's address as the outside host resolves it.</summary>
    private static async Task<string> AddressOfAsync(string name)
    {
        var output = (await Lab.ExecAsync("outside", "getent", "ahostsv6", name)).Check();
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    /// <summary>Asserts the rigid response form: one tcp+udp opening of the address and ports, no src_addr.</summary>
    private static void AssertOpenings(JsonNode? body, (string Address, string Ports) expected)
    {
        var openings = Assert.IsType<JsonArray>(body);
        var opening = Assert.Single(openings);
        Assert.Equal($"""["{expected.Address}/128"]""", opening?["addr"]?.ToJsonString());
        Assert.Equal(expected.Ports, opening?["port"]?.ToJsonString());
        Assert.Equal("tcp+udp", opening?["proto"]?.GetValue<string>());
        Assert.Null(opening?["src_addr"]);
    }
}
