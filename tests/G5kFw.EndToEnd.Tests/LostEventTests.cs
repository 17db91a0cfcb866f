using System.Diagnostics;
using System.Net;
using G5kFw.EndToEnd.Tests.Oar;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests;

/// <summary>Job ends whose hook events never reach RabbitMQ, caught by the OAR reconciliation every 3 s.</summary>
public sealed class LostEventTests : EndToEndTest
{
    protected override int ReconciliationIntervalSeconds => 3;

    [Fact]
    public async Task HookWithoutRabbitMq_ReconciliationRemovesOpenings()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80));
        var closedPort = FreePort.Next();
        await HookRoute.BreakAsync(closedPort);

        var stopwatch = Stopwatch.StartNew();
        await OarJobs.DeleteAsync("alice", job.JobId);
        await Jobs.WaitForStateAsync(job.JobId, "Terminated");
        stopwatch.Stop();

        await OarHookRoute.LoseJobEventsAsync(job.JobId, closedPort);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15),
            $"OAR took {stopwatch.Elapsed} to end job {job.JobId} while its hook could not reach RabbitMQ.");
        Assert.All(await OarJobs.ReadQueueStatesAsync(), state => Assert.Equal("Active", state));
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), TimeSpan.FromSeconds(20));
        Assert.False(await Service.Network.ConnectTcpAsync(node, 80), $"TCP to [{node}]:80 passed after the job ended.");
    }

    [Fact]
    public async Task HostReuse_OldJobOpeningOnNoFirewall()
    {
        var (jobA, jobB, node, response) = await HandOverHostAsync();

        // Reconciliation may end job A before or after job B's opening, and in both orders port 1000 must stay shut.
        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.True(await Service.Network.ConnectTcpAsync(node, 2000), $"TCP to [{node}]:2000 of job B was blocked.");
        Assert.False(await Service.Network.ConnectTcpAsync(node, 1000), $"TCP to [{node}]:1000 of ended job A passed.");
        await AssertFirewallsConvergeAsync(jobA.JobId, Openings(node), TimeSpan.FromSeconds(20));
        await AssertFirewallsConvergeAsync(jobB.JobId, Openings(node, 2000), TimeSpan.Zero);
    }
}
