namespace G5kFw.Oar.Tests;

[Collection(OarSerialGroup.Name)]
public sealed class OarJobReaderTests : IAsyncLifetime
{
    private const string Walltime = "walltime=0:10:00";
    private readonly OarCluster _cluster = new();

    private static string HostPattern => $@"^node-\d+\.{TestSettings.Configuration["G5KFW_SITE_DOMAIN"]}$";

    [Fact]
    public async Task WholeHostJob_IsRunningAndExclusive()
    {
        var job = await _cluster.SubmitRunningAsync("alice", $"-l host=1,{Walltime}");

        Assert.Equal("alice", job.Owner);
        Assert.True(job.IsRunning);
        var host = Assert.Single(job.Hosts);
        Assert.Matches(HostPattern, host);
        Assert.True(job.HoldsHostsExclusively);
        Assert.Contains("noop", job.Types);
        Assert.NotNull(job.StartedAt);
        Assert.Null(job.StoppedAt);
    }

    [Fact]
    public async Task OneCoreJob_IsNotExclusive()
    {
        var job = await _cluster.SubmitRunningAsync("bob", $"-l core=1,{Walltime}");

        Assert.Equal("bob", job.Owner);
        Assert.True(job.IsRunning);
        Assert.Single(job.Hosts);
        Assert.False(job.HoldsHostsExclusively);
        var share = Assert.Single(job.HostShares);
        Assert.Equal(job.Hosts[0], share.Host);
        Assert.Equal(1, share.HeldResources);
        Assert.Equal(4, share.TotalResources);
    }

    [Fact]
    public async Task TwoCoresOfOneHost_IsNotExclusive()
    {
        var job = await _cluster.SubmitRunningAsync("alice", $"-l /host=1/core=2,{Walltime}");

        Assert.True(job.IsRunning);
        Assert.Single(job.Hosts);
        Assert.False(job.HoldsHostsExclusively);
    }

    [Fact]
    public async Task TwoHostJob_HoldsBothExclusively()
    {
        var job = await _cluster.SubmitRunningAsync("bob", $"-l host=2,{Walltime}");

        Assert.Equal("bob", job.Owner);
        Assert.Equal(2, job.Hosts.Count);
        Assert.Equal(job.Hosts.Order(StringComparer.Ordinal), job.Hosts);
        Assert.All(job.Hosts, host => Assert.Matches(HostPattern, host));
        Assert.True(job.HoldsHostsExclusively);
        Assert.Equal(job.Hosts, job.HostShares.Select(share => share.Host));
        Assert.All(job.HostShares, share => Assert.Equal(share.TotalResources, share.HeldResources));
    }

    [Fact]
    public async Task TimesharingJobs_ShareHostAndAreNotExclusive()
    {
        var options = $"-t 'timesharing=*,*' -l host=1,{Walltime}";
        var alices = await _cluster.SubmitRunningAsync("alice", options);
        var host = Assert.Single(alices.Hosts);
        var bobs = await _cluster.SubmitRunningAsync("bob", $"-p \"network_address='{host}'\" {options}");

        Assert.Equal(alices.Hosts, bobs.Hosts);
        Assert.Contains("timesharing=*,*", alices.Types);
        Assert.False(alices.HoldsHostsExclusively);
        Assert.False(bobs.HoldsHostsExclusively);
    }

    [Fact]
    public async Task EndedJob_IsNotRunningAndHoldsNoHost()
    {
        var running = await _cluster.SubmitRunningAsync("alice", $"-l host=1,{Walltime}");

        await OarCluster.DeleteAsync("alice", running.JobId);
        var ended = await _cluster.WaitForStateAsync(running.JobId, "Terminated");

        Assert.Equal("alice", ended.Owner);
        Assert.False(ended.IsRunning);
        Assert.Empty(ended.Hosts);
        Assert.False(ended.HoldsHostsExclusively);
        Assert.NotNull(ended.StoppedAt);
    }

    [Fact]
    public async Task UnknownJob_ReturnsNull()
    {
        var job = await _cluster.Reader.GetJobAsync(TestSettings.Site, 2_000_000_000, CancellationToken.None);

        Assert.Null(job);
    }

    [Fact]
    public async Task SiteNames_AreCaseInsensitive()
    {
        var job = await _cluster.SubmitRunningAsync("bob", $"-l core=1,{Walltime}");

        var read = await _cluster.Reader.GetJobAsync(
            TestSettings.Site.ToUpperInvariant(), job.JobId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(_cluster.Reader.HasSite(TestSettings.Site.ToUpperInvariant()));
    }

    [Fact]
    public async Task UnknownSite_Throws()
    {
        Assert.False(_cluster.Reader.HasSite("nosuchsite"));

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => _cluster.Reader.GetJobAsync("nosuchsite", 1, CancellationToken.None));

        Assert.Contains("nosuchsite", exception.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
