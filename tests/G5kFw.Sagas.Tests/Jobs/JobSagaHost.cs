using G5kFw.Contracts.Openings;
using G5kFw.Infrastructure.Messaging;
using G5kFw.Infrastructure.Persistence;
using G5kFw.Sagas.Jobs;
using G5kFw.Sagas.ReadModels;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G5kFw.Sagas.Tests.Jobs;

/// <summary>
/// A Worker-like host with the job saga on RabbitMQ, Marten and Quartz, and test firewalls <c>fw1</c> and
/// <c>fw2</c> for the site <c>rennes</c>. Retries run every second and replies wait at most three seconds.
/// </summary>
public sealed class JobSagaHost : IAsyncDisposable
{
    public const string Site = "rennes";

    private readonly IHost _host;

    private JobSagaHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<JobSagaHost> StartAsync(TestServices services, TestFirewalls firewalls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(services.ToSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Sites:{Site}:Firewalls:0"] = firewalls.Names[0],
            [$"Sites:{Site}:Firewalls:1"] = firewalls.Names[1],
            ["Saga:RetrySeconds"] = "1",
            ["Saga:ReplyTimeoutSeconds"] = "3",
        });

        builder.Services.AddSingleton(firewalls);
        builder.Services.AddG5kFwPostgres(builder.Configuration);
        builder.Services.AddG5kFwSagas(builder.Configuration);
        builder.Services.AddG5kFwBus(
            builder.Configuration,
            bus =>
            {
                bus.AddG5kFwSagas();
                bus.AddConsumer<OpeningEventsConsumer>();
            },
            (context, rabbit) =>
            {
                foreach (var name in firewalls.Names)
                {
                    rabbit.ReceiveEndpoint($"firewall-{name}", endpoint =>
                        endpoint.Consumer(() => new TestFirewallConsumer(firewalls)));
                }
            });

        var host = builder.Build();
        await host.StartAsync();
        return new JobSagaHost(host);
    }

    public async Task<Response<OpeningRequestCompleted, OpeningRequestRejected>> RequestAsync<T>(T request)
        where T : class
    {
        var client = Services.GetRequiredService<IClientFactory>().CreateRequestClient<T>(RequestTimeout.After(s: 30));
        return await client.GetResponse<OpeningRequestCompleted, OpeningRequestRejected>(request);
    }

    public Task PublishAsync<T>(T message)
        where T : class =>
        Services.GetRequiredService<IBus>().Publish(message);

    public async Task<OarJobState?> LoadSagaAsync(long jobId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<OarJobState>(JobSagaId.For(Site, jobId));
    }

    public async Task<JobOpenings?> LoadOpeningsAsync(long jobId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<JobOpenings>(JobOpenings.IdFor(Site, jobId));
    }

    public async Task<EndedJob?> LoadEndedJobAsync(long jobId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<EndedJob>(JobOpenings.IdFor(Site, jobId));
    }

    public async Task<List<object>> LoadAuditAsync(long jobId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(JobSagaId.For(Site, jobId));
        return events.Select(e => e.Data).ToList();
    }

    public static OpeningRequested Request(long jobId, params int[] ports) => new(
        Guid.NewGuid(),
        Site,
        jobId,
        "alice",
        ports.Select(TcpOpening).ToList(),
        DateTimeOffset.UtcNow);

    private static Opening TcpOpening(int port) =>
        new(["2001:db8::10/128"], [new PortRange(port, port)], OpeningProtocol.TcpUdp, null);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
