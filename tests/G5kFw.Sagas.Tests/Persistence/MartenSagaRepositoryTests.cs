namespace G5kFw.Sagas.Tests.Persistence;

public sealed class MartenSagaRepositoryTests
{
    [Fact]
    public async Task ConcurrentEventsLoseNoUpdate()
    {
        await using var host = await CounterSagaHost.StartAsync(concurrencyCheck: true);

        var saga = await host.CountOnExistingSagaAsync(Guid.NewGuid(), 50);

        Assert.NotNull(saga);
        Assert.Equal(Enumerable.Range(0, 51), saga.Numbers.Order());
        Assert.Equal(51, host.Events.Counted.Count);
    }

    [Fact]
    public async Task ConcurrentFirstEventsCreateOneSaga()
    {
        await using var host = await CounterSagaHost.StartAsync(concurrencyCheck: true);

        var saga = await host.CountOnNewSagaAsync(Guid.NewGuid(), 20);

        Assert.NotNull(saga);
        Assert.Equal(Enumerable.Range(1, 20), saga.Numbers.Order());
        Assert.Single(host.Events.Created);
        Assert.Equal(1, await host.CountDocumentsAsync());
    }
}
