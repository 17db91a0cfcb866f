using G5kFw.Contracts.Oar;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace G5kFw.Oar.Tests;

[Collection(OarSerialGroup.Name)]
public sealed class ReconciliationTests : IAsyncLifetime
{
    private const string Walltime = "walltime=0:10:00";
    private readonly OarCluster _cluster = new();
    private EventRecorder _recorder = null!;

    [Fact]
    public async Task Reconciler_EndsOnlyJobsThatNoLongerRun()
    {
        var running = await _cluster.SubmitRunningAsync("alice", $"-l host=1,{Walltime}");
        var endedJob = await SubmitEndedJobAsync("bob");
        var site = TestSettings.Site;
        var runningJob = new SiteJob(site, running.JobId);
        var ended = new SiteJob(site, endedJob);
        var unknown = new SiteJob(site, HookProcess.UnusedJobId());
        var unconfigured = new SiteJob("nosuchsite", 1);
        var reconciler = new OarReconciler(
            new FixedActiveJobSource(runningJob, ended, unknown, unconfigured),
            _cluster.Reader,
            _recorder.PublishEndpoint,
            TimeProvider.System,
            NullLogger<OarReconciler>.Instance);

        var endedJobs = await reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal([ended, unknown], endedJobs);
        await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == ended.JobId, $"OarJobEnded {ended.JobId}");
        await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == unknown.JobId, $"OarJobEnded {unknown.JobId}");
    }

    [Fact]
    public async Task QuartzSchedule_PublishesEndOfEndedJob()
    {
        var endedJob = await SubmitEndedJobAsync("alice");
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(TestSettings.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Oar:ReconciliationIntervalSeconds"] = "1" })
            .Build();
        var rabbit = TestSettings.RabbitMq;
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddG5kFwOar(configuration);
        builder.Services.AddSingleton<IActiveJobSource>(new FixedActiveJobSource(new SiteJob(TestSettings.Site, endedJob)));
        builder.Services.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbitMq) =>
            rabbitMq.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
            {
                host.Username(rabbit.Username);
                host.Password(rabbit.Password);
            })));
        builder.Services.AddQuartz(quartz => quartz.AddOarReconciliation(configuration.GetOarSettings()));
        builder.Services.AddQuartzHostedService();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var ended = await _recorder.WaitForAsync<OarJobEnded>(e => e.JobId == endedJob, $"OarJobEnded {endedJob}");
            Assert.Equal(TestSettings.Site, ended.Site);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public async Task InitializeAsync() => _recorder = await EventRecorder.StartAsync();

    public async Task DisposeAsync()
    {
        await _recorder.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<long> SubmitEndedJobAsync(string user)
    {
        var job = await _cluster.SubmitRunningAsync(user, $"-l core=1,{Walltime}");
        await OarCluster.DeleteAsync(user, job.JobId);
        await _cluster.WaitForStateAsync(job.JobId, "Terminated");
        return job.JobId;
    }
}
