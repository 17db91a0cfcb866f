using System.Collections.Concurrent;
using G5kFw.Contracts.Oar;
using MassTransit;

namespace G5kFw.Oar.Tests;

/// <summary>
/// A MassTransit bus on the real RabbitMQ with a temporary queue that consumes every OAR event, for tests that wait
/// for one of them.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<object> _received = new();

    private EventRecorder()
    {
        var settings = TestSettings.RabbitMq;
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(settings.Host, (ushort)settings.Port, settings.VirtualHost, host =>
            {
                host.Username(settings.Username);
                host.Password(settings.Password);
            });
            rabbit.ReceiveEndpoint($"g5kfw-oar-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<OarJobStarted>(context => Record(context.Message));
                endpoint.Handler<OarJobEnded>(context => Record(context.Message));
            });
        });
    }

    public IPublishEndpoint PublishEndpoint => _bus;

    public static async Task<EventRecorder> StartAsync()
    {
        var recorder = new EventRecorder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await recorder._bus.StartAsync(timeout.Token);
        return recorder;
    }

    public IReadOnlyList<T> Received<T>() => _received.OfType<T>().ToList();

    public Task<T> WaitForAsync<T>(Func<T, bool> predicate, string description) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(_received.OfType<T>().FirstOrDefault(predicate)),
            message => message is not null,
            EventTimeout,
            description)!;

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private Task Record(object message)
    {
        _received.Enqueue(message);
        return Task.CompletedTask;
    }
}
