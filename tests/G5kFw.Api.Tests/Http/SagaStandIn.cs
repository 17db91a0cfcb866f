using System.Collections.Concurrent;
using G5kFw.Api.Openings;
using G5kFw.Sagas.Persistence;
using G5kFw.Sagas.ReadModels;
using G5kFw.Contracts.Openings;
using G5kFw.Testing;
using JasperFx;
using Marten;
using MassTransit;

namespace G5kFw.Api.Tests.Http;

/// <summary>How the stand-in replies to the next requests.</summary>
public enum SagaReplyMode
{
    Applied,
    Pending,
    Rejected,
    Silent,
}

/// <summary>
/// Stands in for the job saga, which another part of the project builds: it consumes the API's requests from
/// RabbitMQ, stores the job's openings in the Marten read model and replies as <see cref="Mode"/> sets.
/// </summary>
public sealed class SagaStandIn : IConsumer<OpeningRequested>, IConsumer<RemoveOpenings>, IAsyncDisposable
{
    private readonly DocumentStore _store;
    private readonly IBusControl _bus;
    private long _generation;

    private SagaStandIn(RabbitMqVirtualHost rabbit, string connectionString)
    {
        _store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = MartenSetup.Schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            ReadModelSchema.Configure(options);
        });
        _bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
            {
                host.Username(rabbit.Username);
                host.Password(rabbit.Password);
            });
            bus.ReceiveEndpoint("saga-stand-in", endpoint =>
            {
                endpoint.Instance(this);
            });
        });
    }

    public SagaReplyMode Mode { get; set; } = SagaReplyMode.Applied;

    /// <summary>Every request the stand-in consumed, in order.</summary>
    public ConcurrentQueue<object> Received { get; } = new();

    /// <summary>When each consumed opening request was sent and when RabbitMQ may drop it, by request id.</summary>
    public ConcurrentDictionary<Guid, (DateTime? SentTime, DateTime? ExpirationTime)> Lifetimes { get; } = new();

    public static async Task<SagaStandIn> StartAsync(RabbitMqVirtualHost rabbit, string connectionString)
    {
        var standIn = new SagaStandIn(rabbit, connectionString);
        await standIn._bus.StartAsync();
        return standIn;
    }

    public async Task Consume(ConsumeContext<OpeningRequested> context)
    {
        var request = context.Message;
        Received.Enqueue(request);
        Lifetimes[request.RequestId] = (context.SentTime, context.ExpirationTime);
        await using var session = _store.LightweightSession();
        var id = JobOpenings.IdFor(request.Site, request.JobId);
        var document = await session.LoadAsync<JobOpenings>(id)
            ?? new JobOpenings { Id = id, Site = request.Site, JobId = request.JobId };
        var keys = document.Openings.Select(OpeningNormalizer.KeyOf).ToHashSet();
        var added = request.Openings.Where(o => keys.Add(OpeningNormalizer.KeyOf(o))).ToList();
        document.Openings.AddRange(added);
        session.Store(document);
        await session.SaveChangesAsync();

        await ReplyAsync(context, request.RequestId, request.Site, request.JobId, added);
    }

    public async Task Consume(ConsumeContext<RemoveOpenings> context)
    {
        var request = context.Message;
        Received.Enqueue(request);
        await using var session = _store.LightweightSession();
        session.Delete<JobOpenings>(JobOpenings.IdFor(request.Site, request.JobId));
        await session.SaveChangesAsync();

        await ReplyAsync(context, request.RequestId, request.Site, request.JobId, []);
    }

    private Task ReplyAsync(ConsumeContext context, Guid requestId, string site, long jobId, List<Opening> added)
    {
        var generation = Interlocked.Increment(ref _generation);
        return Mode switch
        {
            SagaReplyMode.Applied => context.RespondAsync(
                new OpeningRequestCompleted(requestId, site, jobId, generation, true, added, [])),
            SagaReplyMode.Pending => context.RespondAsync(
                new OpeningRequestCompleted(requestId, site, jobId, generation, false, added, ["firewall-2"])),
            SagaReplyMode.Rejected => context.RespondAsync(
                new OpeningRequestRejected(requestId, site, jobId, "OAR reported that the job ended.")),
            _ => Task.CompletedTask,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        _store.Dispose();
    }
}
