using G5kFw.Contracts.Oar;

namespace G5kFw.Oar.Tests;

/// <summary>The hook as the local OAR server runs it, on the start and end of real jobs.</summary>
[Collection(OarSerialGroup.Name)]
public sealed class OarHookTests : IAsyncLifetime
{
    private const string WholeHost = "-l host=1,walltime=0:10:00";
    private readonly OarCluster _cluster = new();
    private EventRecorder _recorder = null!;

    [Fact]
    public async Task OarJob_StartAndEndReachMassTransit()
    {
        var job = await _cluster.SubmitRunningAsync("alice", WholeHost);

        var started = await _recorder.WaitForAsync<OarJobStarted>(e => e.JobId == job.JobId, $"OarJobStarted {job.JobId}");
        await OarCluster.DeleteAsync("alice", job.JobId);
        var ended = await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == job.JobId, $"OarJobEnded {job.JobId}");

        Assert.Equal(TestSettings.Site, started.Site);
        Assert.Equal(TestSettings.Site, ended.Site);
        Assert.All(await OarCluster.ReadQueueStatesAsync(), state => Assert.Equal("Active", state));
    }

    [Fact]
    public async Task OarQueues_StayActiveWhenRabbitMqIsUnreachable()
    {
        var hookEnv = await File.ReadAllTextAsync(TestSettings.HookEnvFile);
        var closedPort = HookProcess.ClosedPort();
        long jobId;
        try
        {
            await File.WriteAllTextAsync(TestSettings.HookEnvFile, $"{hookEnv}RabbitMq__Port={closedPort}\n");
            var job = await _cluster.SubmitRunningAsync("bob", WholeHost);
            jobId = job.JobId;
            await OarCluster.DeleteAsync("bob", jobId);
            await _cluster.WaitForStateAsync(jobId, "Terminated");
            await Eventually.WaitForAsync(
                () => File.ReadAllTextAsync(TestSettings.HookLog),
                log => log.Contains($"job {jobId} ended: publishing to RabbitMQ at 127.0.0.1:{closedPort} failed",
                    StringComparison.Ordinal),
                TimeSpan.FromSeconds(10),
                $"the hook's failed publish for job {jobId} in {TestSettings.HookLog}");
        }
        finally
        {
            await File.WriteAllTextAsync(TestSettings.HookEnvFile, hookEnv);
        }

        Assert.All(await OarCluster.ReadQueueStatesAsync(), state => Assert.Equal("Active", state));
        Assert.DoesNotContain(_recorder.Received<OarJobEnded>(), e => e.JobId == jobId);

        // The drain runs as OAR runs the hook, and again when a loaded machine makes one run pass its deadline.
        await Eventually.WaitForAsync(
            async () =>
            {
                var drain = await ProcessRunner.RunAsync(
                    "runuser", ["-u", "oar", "--", "sh", "-c", $"set -a; . {TestSettings.HookEnvFile}; exec \"$0\" drain",
                        TestSettings.HookCommand]);
                Assert.Equal(0, drain.ExitCode);
                return (Files: Directory.GetFiles(TestSettings.OarSpool, "*.json").Length, drain.Output);
            },
            result => result.Files == 0,
            TimeSpan.FromSeconds(30),
            $"the hook to drain {TestSettings.OarSpool}");
        await _recorder.WaitForAsync<OarJobStarted>(e => e.JobId == jobId, $"spooled OarJobStarted {jobId}");
        await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == jobId, $"spooled OarJobEnded {jobId}");
    }

    public async Task InitializeAsync() => _recorder = await EventRecorder.StartAsync();

    public async Task DisposeAsync()
    {
        await _recorder.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
