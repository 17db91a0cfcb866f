using G5kFw.Contracts.Oar;

namespace G5kFw.Oar.Tests;

public sealed class HookTests : IAsyncLifetime
{
    private readonly string _spool = Directory.CreateTempSubdirectory("g5kfw-hook-spool-").FullName;
    private EventRecorder _recorder = null!;

    [Theory]
    [InlineData("started")]
    [InlineData("ended")]
    public async Task Hook_PublishesEventThatMassTransitReceives(string jobEvent)
    {
        var jobId = HookProcess.UnusedJobId();

        var result = await HookProcess.RunAsync(_spool, TestSettings.RabbitMq.Port, jobEvent, $"{jobId}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("published 1 event(s)", result.Output, StringComparison.Ordinal);
        if (jobEvent == "started")
        {
            var started = await _recorder.WaitForAsync<OarJobStarted>(e => e.JobId == jobId, $"OarJobStarted {jobId}");
            Assert.Equal(TestSettings.Site, started.Site);
        }
        else
        {
            var ended = await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == jobId, $"OarJobEnded {jobId}");
            Assert.Equal(TestSettings.Site, ended.Site);
        }

        Assert.Empty(Directory.GetFiles(_spool, "*.json"));
    }

    [Fact]
    public async Task Hook_SpoolsFastWhenRabbitMqIsUnreachable()
    {
        var jobId = HookProcess.UnusedJobId();

        var result = await HookProcess.RunAsync(_spool, HookProcess.ClosedPort(), "ended", $"{jobId}");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(1), $"The hook ran {result.Elapsed.TotalMilliseconds:0} ms.");
        Assert.Contains("failed", result.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_spool, "*.json"));
        Assert.DoesNotContain(_recorder.Received<OarJobEnded>(), e => e.JobId == jobId);

        await DrainAsync();

        var ended = await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == jobId, $"spooled OarJobEnded {jobId}");
        Assert.Equal(TestSettings.Site, ended.Site);
        Assert.Empty(Directory.GetFiles(_spool, "*.json"));
    }

    [Fact]
    public async Task Hook_PublishesSpooledEventsOnItsNextRun()
    {
        var lostJobId = HookProcess.UnusedJobId();
        var nextJobId = HookProcess.UnusedJobId();
        await HookProcess.RunAsync(_spool, HookProcess.ClosedPort(), "ended", $"{lostJobId}");

        var result = await HookProcess.RunAsync(_spool, TestSettings.RabbitMq.Port, "started", $"{nextJobId}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("published 2 event(s)", result.Output, StringComparison.Ordinal);
        await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == lostJobId, $"spooled OarJobEnded {lostJobId}");
        await _recorder.WaitForAsync<OarJobStarted>(e => e.JobId == nextJobId, $"OarJobStarted {nextJobId}");
        Assert.Empty(Directory.GetFiles(_spool, "*.json"));
    }

    [Fact]
    public async Task Hook_ExitsZeroWithoutSettings()
    {
        var environment = new Dictionary<string, string?> { ["OarHook__Site"] = null, ["OarHook__SpoolDirectory"] = null };

        var result = await ProcessRunner.RunAsync(TestSettings.HookCommand, ["ended", "1"], environment);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("OarHook__Site is missing", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_ExitsZeroOnInvalidArguments()
    {
        var result = await ProcessRunner.RunAsync(TestSettings.HookCommand, ["ended", "not-a-job"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("usage:", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the hook's drain until the spool is empty: on a loaded machine one run can pass its deadline, and the
    /// event then waits for the next run, as it would under OAR.
    /// </summary>
    private async Task DrainAsync()
    {
        await Eventually.WaitForAsync(
            async () =>
            {
                var drain = await HookProcess.RunAsync(_spool, TestSettings.RabbitMq.Port, "drain");
                Assert.Equal(0, drain.ExitCode);
                return (Files: Directory.GetFiles(_spool, "*.json").Length, drain.Output);
            },
            result => result.Files == 0,
            TimeSpan.FromSeconds(30),
            $"the hook to drain {_spool}");
    }

    public async Task InitializeAsync() => _recorder = await EventRecorder.StartAsync();

    public async Task DisposeAsync()
    {
        await _recorder.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }
}
