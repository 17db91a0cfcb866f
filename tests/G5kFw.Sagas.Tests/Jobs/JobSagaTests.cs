using G5kFw.Contracts.Events;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Oar;
using G5kFw.Contracts.Openings;
using G5kFw.Oar;
using G5kFw.Sagas.Audit;
using G5kFw.Sagas.ReadModels;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace G5kFw.Sagas.Tests.Jobs;

public sealed class JobSagaTests : IAsyncLifetime
{
    private readonly TestFirewalls _firewalls = new("fw1", "fw2");
    private TestServices _services = null!;
    private JobSagaHost _host = null!;

    public async Task InitializeAsync()
    {
        _services = await TestServices.CreateAsync("jobsaga");
        _host = await JobSagaHost.StartAsync(_services, _firewalls);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _services.DisposeAsync();
    }

    private Task<bool> FirewallHoldsAsync(string firewall, long jobId, int openings) =>
        Eventually.HoldsAsync(() => _firewalls.OpeningsOf(firewall, jobId).Count == openings);

    private Task<bool> PublishedAsync<T>(long jobId, Func<T, long> jobOf) =>
        Eventually.HoldsAsync(() => _firewalls.Events.OfType<T>().Any(e => jobOf(e) == jobId));

    [Fact]
    public async Task TwoFirewallsAcknowledgeAllApplied()
    {
        var response = await _host.RequestAsync(JobSagaHost.Request(101, 22));

        Assert.True(response.Is(out Response<OpeningRequestCompleted>? completed));
        Assert.True(completed.Message.AllApplied);
        Assert.Equal(1, completed.Message.Generation);
        Assert.Single(completed.Message.Added);
        Assert.Empty(completed.Message.PendingFirewalls);
        Assert.Single(_firewalls.OpeningsOf("fw1", 101));
        Assert.Single(_firewalls.OpeningsOf("fw2", 101));

        var openings = await _host.LoadOpeningsAsync(101);
        Assert.NotNull(openings);
        Assert.Single(openings.Openings);
        var audit = await _host.LoadAuditAsync(101);
        var added = Assert.IsType<OpeningsAdded>(Assert.Single(audit));
        Assert.Equal("alice", added.Caller);
        Assert.Equal(1, added.Generation);
    }

    [Fact]
    public async Task FirewallDownRepliesPendingThenRetryApplies()
    {
        _firewalls.Failing["fw2"] = true;

        var response = await _host.RequestAsync(JobSagaHost.Request(102, 80));

        Assert.True(response.Is(out Response<OpeningRequestCompleted>? completed));
        Assert.False(completed.Message.AllApplied);
        Assert.Contains("fw2", completed.Message.PendingFirewalls);
        Assert.Empty(_firewalls.OpeningsOf("fw2", 102));
        Assert.True(await FirewallHoldsAsync("fw1", 102, 1), "fw1 lacks the opening");

        _firewalls.Failing["fw2"] = false;

        Assert.True(await FirewallHoldsAsync("fw2", 102, 1), "fw2 was never retried");
        var recorded = await Eventually.HoldsAsync(
            async () => (await _host.LoadSagaAsync(102))?.IsAppliedEverywhere(1) == true);
        Assert.True(recorded, "The saga never recorded the acknowledgement of fw2.");
    }

    [Fact]
    public async Task ConcurrentRequestsReachBothFirewalls()
    {
        var requests = Enumerable.Range(1, 50).Select(i => JobSagaHost.Request(103, 1000 + i)).ToList();

        var responses = await Task.WhenAll(requests.Select(_host.RequestAsync));

        Assert.All(responses, response => Assert.True(response.Is(out Response<OpeningRequestCompleted>? _)));
        var saga = await _host.LoadSagaAsync(103);
        Assert.NotNull(saga);
        Assert.Equal(50, saga.Openings.Count);
        Assert.Equal(50, saga.Generation);
        Assert.True(await FirewallHoldsAsync("fw1", 103, 50), "fw1 lacks openings");
        Assert.True(await FirewallHoldsAsync("fw2", 103, 50), "fw2 lacks openings");
        var ports = _firewalls.OpeningsOf("fw2", 103).Select(opening => opening.Ports[0].First).Order();
        Assert.Equal(Enumerable.Range(1001, 50), ports);
    }

    [Fact]
    public async Task ConcurrentRequestsStayWithinJobLimits()
    {
        var limits = new JobLimits(MaxOpenings: 5, MaxAddresses: 100, MaxPorts: 100);
        var requests = Enumerable.Range(1, 20)
            .Select(i => JobSagaHost.Request(113, 2000 + i) with { Limits = limits })
            .ToList();

        var responses = await Task.WhenAll(requests.Select(_host.RequestAsync));

        var completed = responses.Count(response => response.Is(out Response<OpeningRequestCompleted>? _));
        var rejected = responses
            .Select(response => response.Is(out Response<OpeningRequestRejected>? reply) ? reply.Message : null)
            .OfType<OpeningRequestRejected>()
            .ToList();
        Assert.Equal(5, completed);
        Assert.Equal(15, rejected.Count);
        Assert.All(rejected, reply => Assert.Contains("more than the limit of 5 per job", reply.Reason,
            StringComparison.Ordinal));
        var saga = await _host.LoadSagaAsync(113);
        Assert.NotNull(saga);
        Assert.Equal(5, saga.Openings.Count);
        Assert.True(await FirewallHoldsAsync("fw1", 113, 5), "fw1 does not hold the 5 accepted openings");
        Assert.True(await FirewallHoldsAsync("fw2", 113, 5), "fw2 does not hold the 5 accepted openings");
    }

    [Fact]
    public async Task RequestWithinLimitsOfKnownOpeningsPasses()
    {
        var limits = new JobLimits(MaxOpenings: 1, MaxAddresses: 100, MaxPorts: 100);
        var first = JobSagaHost.Request(114, 22) with { Limits = limits };
        Assert.True((await _host.RequestAsync(first)).Is(out Response<OpeningRequestCompleted>? _));

        // The same opening again adds nothing, so it stays within the limit of one.
        var again = JobSagaHost.Request(114, 22) with { Limits = limits };
        Assert.True((await _host.RequestAsync(again)).Is(out Response<OpeningRequestCompleted>? _));
        var another = JobSagaHost.Request(114, 23) with { Limits = limits };
        Assert.True((await _host.RequestAsync(another)).Is(out Response<OpeningRequestRejected>? _));
        Assert.Single((await _host.LoadSagaAsync(114))!.Openings);
    }

    [Fact]
    public async Task OpeningAgentsWouldRejectIsRejected()
    {
        Assert.True((await _host.RequestAsync(JobSagaHost.Request(115, 22))).Is(out Response<OpeningRequestCompleted>? _));
        var withoutPorts = new Opening(["2001:db8::10/128"], [], OpeningProtocol.TcpUdp, null);
        var invalid = JobSagaHost.Request(115) with { Openings = [withoutPorts] };

        var response = await _host.RequestAsync(invalid);

        Assert.True(response.Is(out Response<OpeningRequestRejected>? rejected));
        Assert.Contains("without ports", rejected.Message.Reason, StringComparison.Ordinal);
        var saga = await _host.LoadSagaAsync(115);
        Assert.NotNull(saga);
        Assert.Single(saga.Openings);
        Assert.Equal(1, saga.Generation);

        // The job still takes valid changes, which a rejected generation on the agents would have held back.
        Assert.True((await _host.RequestAsync(JobSagaHost.Request(115, 23))).Is(out Response<OpeningRequestCompleted>? _));
        Assert.True(await FirewallHoldsAsync("fw1", 115, 2), "fw1 does not hold both valid openings");
    }

    [Fact]
    public async Task JobEndWhileFirewallDownRemovesOnReturn()
    {
        await _host.RequestAsync(JobSagaHost.Request(104, 443));
        _firewalls.Failing["fw2"] = true;

        await _host.PublishAsync(new OarJobEnded(JobSagaHost.Site, 104, DateTimeOffset.UtcNow));

        Assert.True(await FirewallHoldsAsync("fw1", 104, 0), "fw1 kept the openings");
        Assert.Single(_firewalls.OpeningsOf("fw2", 104));
        var rejected = await _host.RequestAsync(JobSagaHost.Request(104, 8080));
        Assert.True(rejected.Is(out Response<OpeningRequestRejected>? _));

        _firewalls.Failing["fw2"] = false;

        Assert.True(await FirewallHoldsAsync("fw2", 104, 0), "fw2 kept the openings");
        var finished = await Eventually.HoldsAsync(async () => await _host.LoadSagaAsync(104) is null);
        Assert.True(finished, "The saga never finished.");
        Assert.Null(await _host.LoadOpeningsAsync(104));
        var audit = await _host.LoadAuditAsync(104);
        Assert.IsType<OpeningsCleared>(audit[^1]);
        Assert.True(await PublishedAsync<OpeningsRemoved>(104, e => e.JobId));

        var afterEnd = await _host.RequestAsync(JobSagaHost.Request(104, 8081));
        Assert.True(afterEnd.Is(out Response<OpeningRequestRejected>? _));
        Assert.Null(await _host.LoadSagaAsync(104));
    }

    [Fact]
    public async Task EndedJobWithoutSagaRejectsRequests()
    {
        await _host.PublishAsync(new OarJobEnded(JobSagaHost.Site, 109, DateTimeOffset.UtcNow));
        Assert.True(await Eventually.HoldsAsync(async () => await _host.LoadEndedJobAsync(109) is not null));

        var response = await _host.RequestAsync(JobSagaHost.Request(109, 22));

        Assert.True(response.Is(out Response<OpeningRequestRejected>? rejected));
        Assert.Contains("109", rejected.Message.Reason, StringComparison.Ordinal);
        Assert.Null(await _host.LoadSagaAsync(109));
    }

    [Fact]
    public async Task SilentFirewallRepliesPendingAfterTimeout()
    {
        _firewalls.Silent["fw2"] = true;

        var response = await _host.RequestAsync(JobSagaHost.Request(110, 3306));

        Assert.True(response.Is(out Response<OpeningRequestCompleted>? completed));
        Assert.False(completed.Message.AllApplied);
        Assert.Equal(["fw2"], completed.Message.PendingFirewalls);
        Assert.True(await PublishedAsync<ApplyPending>(110, e => e.JobId));
    }

    [Fact]
    public async Task ActiveJobSourceListsJobsWithOpenings()
    {
        await _host.RequestAsync(JobSagaHost.Request(111, 22));
        await _host.RequestAsync(JobSagaHost.Request(112, 22));
        var removal = new RemoveOpenings(Guid.NewGuid(), JobSagaHost.Site, 112, "alice", DateTimeOffset.UtcNow);
        await _host.RequestAsync(removal);
        var source = _host.Services.GetRequiredService<IActiveJobSource>();

        var jobs = await source.GetJobsWithOpeningsAsync(CancellationToken.None);

        Assert.Contains(new SiteJob(JobSagaHost.Site, 111), jobs);
        Assert.DoesNotContain(new SiteJob(JobSagaHost.Site, 112), jobs);
        Assert.True(await PublishedAsync<OpeningsApplied>(111, e => e.JobId));
        Assert.True(await PublishedAsync<OpeningsRemoved>(112, e => e.JobId));
    }

    [Fact]
    public async Task DuplicateDeliveryChangesNothing()
    {
        var request = JobSagaHost.Request(105, 25);
        await _host.RequestAsync(request);
        var before = await _host.LoadSagaAsync(105);

        await _host.PublishAsync(request);
        await _host.PublishAsync(new JobRulesApplied(JobSagaHost.Site, 105, "fw1", 1, DateTimeOffset.UtcNow));
        await _host.PublishAsync(new JobRulesFailed(JobSagaHost.Site, 105, "fw2", 1, "stale failure"));
        var same = await _host.RequestAsync(JobSagaHost.Request(105, 25));

        Assert.True(same.Is(out Response<OpeningRequestCompleted>? completed));
        Assert.True(completed.Message.AllApplied);
        Assert.Empty(completed.Message.Added);
        var after = await _host.LoadSagaAsync(105);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(1, after.Generation);
        Assert.Single(after.Openings);
        Assert.All(after.Firewalls, firewall => Assert.Null(firewall.FailureReason));
        Assert.All(after.Firewalls, firewall => Assert.Equal(1, firewall.AppliedGeneration));
        Assert.Single(await _host.LoadAuditAsync(105));
    }

    [Fact]
    public async Task RestartedHostConvergesThroughStoredRetries()
    {
        // fw2 drops the rules as if the Worker stopped between saving the saga and sending them.
        _firewalls.Silent["fw2"] = true;
        var response = await _host.RequestAsync(JobSagaHost.Request(106, 5432));
        Assert.True(response.Is(out Response<OpeningRequestCompleted>? completed));
        Assert.False(completed.Message.AllApplied);

        await _host.DisposeAsync();
        _firewalls.Silent["fw2"] = false;
        _host = await JobSagaHost.StartAsync(_services, _firewalls);

        Assert.True(await FirewallHoldsAsync("fw2", 106, 1), "fw2 never converged");
        var converged = await Eventually.HoldsAsync(
            async () => (await _host.LoadSagaAsync(106))?.IsAppliedEverywhere(1) == true);
        Assert.True(converged, "The restarted saga never recorded the acknowledgement of fw2.");
    }

    [Fact]
    public async Task StartedAgentReceivesEveryJobOfItsSite()
    {
        await _host.RequestAsync(JobSagaHost.Request(107, 22));
        await _host.RequestAsync(JobSagaHost.Request(108, 80, 443));

        var started = new FirewallAgentStarted(JobSagaHost.Site, "fw1", Guid.NewGuid(), DateTimeOffset.UtcNow);
        await _host.PublishAsync(started);

        Assert.True(await Eventually.HoldsAsync(() => !_firewalls.Rebuilds.IsEmpty), "fw1 received no rebuild");
        var rebuild = Assert.Single(_firewalls.Rebuilds);
        Assert.Equal("fw1", rebuild.Firewall);
        Assert.Equal([107L, 108L], rebuild.Jobs.Select(job => job.JobId));
        Assert.Equal(2, rebuild.Jobs.Single(job => job.JobId == 108).Openings.Count);
    }
}
