using System.Net;
using System.Text.Json;
using G5kFw.EndToEnd.Tests.Oar;
using G5kFw.EndToEnd.Tests.Services;

namespace G5kFw.EndToEnd.Tests;

/// <summary>
/// Job ends that reach the sagas through the OAR hook's events. Reconciliation runs only when the saga Worker
/// starts, so the events alone must remove the openings.
/// </summary>
public sealed class JobEndTests : EndToEndTest
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Oardel_RemovesOpeningsFromEveryFirewall()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80, 443));
        Assert.True(await Service.Network.ConnectTcpAsync(node, 80), $"TCP to [{node}]:80 was blocked.");

        await OarJobs.DeleteAsync("alice", job.JobId);

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), RemovalTimeout);
        Assert.False(await Service.Network.ConnectTcpAsync(node, 80), $"TCP to [{node}]:80 passed after the job ended.");
    }

    [Fact]
    public async Task WalltimeExpiry_RemovesOpeningsFromEveryFirewall()
    {
        var job = await Jobs.SubmitRunningAsync("bob", "-l host=1,walltime=0:00:20");
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("bob", job.JobId, node.ToString(), 443));
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 443), TimeSpan.Zero);

        await Jobs.WaitForStateAsync(job.JobId, "Terminated");

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), RemovalTimeout);
        Assert.False(await Service.Network.ConnectTcpAsync(node, 443), $"TCP to [{node}]:443 passed after the walltime.");
    }

    [Fact]
    public async Task JobEndedWhileWorkerDown_RemovedAfterStart()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80));
        await Service.StopSagaWorkerAsync();

        await OarJobs.DeleteAsync("alice", job.JobId);
        await Jobs.WaitForStateAsync(job.JobId, "Terminated");
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 80), TimeSpan.Zero);

        await Service.StartSagaWorkerAsync();

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), RemovalTimeout);
    }

    [Fact]
    public async Task DuplicateJobEvents_ChangeNothing()
    {
        var job = await Jobs.SubmitRunningAsync("alice", WholeHost);
        var node = OarJobs.NodeAddress(job);
        await AssertStatusAsync(HttpStatusCode.OK, await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80));

        await OarJobs.RunServerHookAsync("server_prologue", job.JobId);
        await OarJobs.RunServerHookAsync("server_prologue", job.JobId);
        var again = await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80);

        await AssertStatusAsync(HttpStatusCode.OK, again);
        using (var added = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
        {
            Assert.Equal(0, added.RootElement.GetArrayLength());
        }

        await AssertFirewallsConvergeAsync(job.JobId, Openings(node, 80), TimeSpan.Zero);

        await OarJobs.DeleteAsync("alice", job.JobId);
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), RemovalTimeout);
        await OarJobs.RunServerHookAsync("server_epilogue", job.JobId);
        await OarJobs.RunServerHookAsync("server_epilogue", job.JobId);
        var afterEnd = await Service.OpenTcpAsync("alice", job.JobId, node.ToString(), 80);

        Assert.False(afterEnd.IsSuccessStatusCode, $"POST after the job ended returned {(int)afterEnd.StatusCode}.");
        await AssertFirewallsConvergeAsync(job.JobId, Openings(node), TimeSpan.Zero);
    }

    [Fact]
    public async Task HostReuse_RebuiltAgentsKeepNewJob()
    {
        var (_, jobB, node, response) = await HandOverHostAsync();
        await AssertStatusAsync(HttpStatusCode.OK, response);

        // Without reconciliation the saga of job A still lists its opening, so each rebuild receives two jobs for one
        // host.
        await Service.StopAgentAsync(FirewallSystem.Firewall1);
        await Service.StopAgentAsync(FirewallSystem.Firewall2);
        await Service.StartAgentAsync(FirewallSystem.Firewall1);
        await Service.StartAgentAsync(FirewallSystem.Firewall2);

        await AssertFirewallsConvergeAsync(jobB.JobId, Openings(node, 2000));
        Assert.True(await Service.Network.ConnectTcpAsync(node, 2000), $"TCP to [{node}]:2000 of job B was blocked.");
        Assert.False(await Service.Network.ConnectTcpAsync(node, 1000), $"TCP to [{node}]:1000 of ended job A passed.");
    }
}
