using System.Net;
using G5kFw.EndToEnd.Tests.Oar;
using G5kFw.EndToEnd.Tests.Services;
using G5kFw.EndToEnd.Tests.Site;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests;

/// <summary>Openings requested over HTTP for real OAR jobs, applied by the job saga on both firewall agents.</summary>
public sealed class OpeningTests : EndToEndTest
{
    [Fact]
    public async Task BothAgentsUp_OpeningAppliedAndPasses()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);

        var response = await Service.OpenTcpAsync("alice", job.JobId, OarJobs.NodeIpv6Name(job), 80);

        await AssertStatusAsync(HttpStatusCode.OK, response);
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 80), TimeSpan.Zero);
        Assert.True(await Service.Network.ConnectTcpAsync(node, 80), $"TCP to [{node}]:80 was blocked.");
        Assert.False(await Service.Network.ConnectTcpAsync(node, 443), $"TCP to [{node}]:443 passed without an opening.");
    }

    [Fact]
    public async Task StoppedAgent_PendingThenAppliedOnReturn()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await Service.StopAgentAsync(FirewallSystem.Firewall2);

        var response = await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 443);

        await AssertStatusAsync(HttpStatusCode.Accepted, response);
        await AssertFirewallConvergesAsync(FirewallSystem.Firewall1, job.JobId, Openings(node, 443));
        Assert.False(await Service.Network.ConnectTcpAsync(node, 443),
            $"TCP to [{node}]:443 passed while firewall {FirewallSystem.Firewall2} had no opening.");

        await Service.StartAgentAsync(FirewallSystem.Firewall2);

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 443));
        Assert.True(
            await Eventually.HoldsAsync(() => Service.Network.ConnectTcpAsync(node, 443), ConvergeTimeout),
            $"TCP to [{node}]:443 stayed blocked after both firewalls applied the opening.");
    }

    [Fact]
    public async Task ConcurrentRequests_AllReachBothFirewalls()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        var ports = Enumerable.Range(10001, 50).ToArray();

        var responses = await Task.WhenAll(ports.Select(port => Service.OpenTcpAsync("alice", job.JobId, node.ToString(), port)));

        foreach (var (port, response) in ports.Zip(responses))
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted,
                $"POST of port {port} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, ports));
    }

    [Fact]
    public async Task JobEndWhileAgentDown_RulesGoneOnReturn()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80));
        await Service.StopAgentAsync(FirewallSystem.Firewall2);

        await OarJobs.DeleteAsync("alice", job.JobId);

        await AssertFirewallConvergesAsync(FirewallSystem.Firewall1, job.JobId, Openings(node));
        Assert.Equal(Openings(node, 80), await FirewallTable.TcpPortsAsync(Service.Network.Firewall2, job.JobId));

        await Service.StartAgentAsync(FirewallSystem.Firewall2);

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node));
    }

    [Fact]
    public async Task SagaWorkerKilled_FirewallsConvergeAfterRestart()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80));
        await Service.StopAgentAsync(FirewallSystem.Firewall1);
        await Service.StopAgentAsync(FirewallSystem.Firewall2);

        // With both agents down, the saga stores generation 2 and its commands wait in the firewall queues. Killing
        // the saga Worker and purging those queues leaves a change that is stored but never applied.
        await AssertStatusAsync(HttpStatusCode.Accepted, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 443));
        await Service.KillSagaWorkerAsync();
        await Service.PurgeQueueAsync($"firewall-{FirewallSystem.Firewall1}");
        await Service.PurgeQueueAsync($"firewall-{FirewallSystem.Firewall2}");

        await Service.StartSagaWorkerAsync();
        await Service.StartAgentAsync(FirewallSystem.Firewall1);
        await Service.StartAgentAsync(FirewallSystem.Firewall2);

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 80, 443));
    }
}
