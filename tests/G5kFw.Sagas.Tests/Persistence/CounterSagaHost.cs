using G5kFw.Infrastructure.Messaging;
using G5kFw.Sagas.Persistence;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G5kFw.Sagas.Tests.Persistence;

/// <summary>A host that runs the counter saga on RabbitMQ with the Marten saga repository.</summary>
public sealed class CounterSagaHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TestServices _services;

    private CounterSagaHost(IHost host, TestServices services)
    {
        _host = host;
        _services = services;
    }

    public CounterEvents Events => _host.Services.GetRequiredService<CounterEvents>();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<CounterSagaHost> StartAsync(bool concurrencyCheck)
    {
        var services = await TestServices.CreateAsync("counter");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(services.ToSettings());

        var options = new MartenSagaRepositoryOptions<CounterState> { ConcurrencyCheck = concurrencyCheck };
        builder.Services.AddSingleton<CounterEvents>();
        builder.Services.AddG5kFwMarten(builder.Configuration);
        builder.Services.AddG5kFwBus(builder.Configuration, bus =>
        {
            bus.AddSagaStateMachine<CounterStateMachine, CounterState, CounterSagaDefinition>()
                .MartenRepository(options);
            bus.AddConsumer<CounterEventsConsumer>();
        });

        var host = builder.Build();
        await host.StartAsync();
        return new CounterSagaHost(host, services);
    }

    /// <summary>Creates a counter with the number 0, then sends the numbers 1 to <paramref name="count"/>.</summary>
    public async Task<CounterState?> CountOnExistingSagaAsync(Guid counterId, int count)
    {
        await Bus.Publish(new CountNumber(counterId, 0));
        await WaitForCountedAsync(1);

        return await CountOnNewSagaAsync(counterId, count, alreadyCounted: 1);
    }

    /// <summary>
    /// Sends the numbers 1 to <paramref name="count"/> at once, and returns the stored saga once every number was
    /// counted.
    /// </summary>
    public async Task<CounterState?> CountOnNewSagaAsync(Guid counterId, int count, int alreadyCounted = 0)
    {
        var numbers = Enumerable.Range(1, count).Select(number => new CountNumber(counterId, number));
        await Task.WhenAll(numbers.Select(number => Bus.Publish(number)));
        await WaitForCountedAsync(alreadyCounted + count);

        return await LoadAsync(counterId);
    }

    public async Task<CounterState?> LoadAsync(Guid counterId)
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<CounterState>(counterId);
    }

    public async Task<int> CountDocumentsAsync()
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<CounterState>().CountAsync();
    }

    private async Task WaitForCountedAsync(int count)
    {
        if (!await Eventually.HoldsAsync(() => Events.Counted.Count >= count))
        {
            throw new TimeoutException($"The counter saga counted {Events.Counted.Count} of {count} numbers in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _services.DisposeAsync();
    }
}
