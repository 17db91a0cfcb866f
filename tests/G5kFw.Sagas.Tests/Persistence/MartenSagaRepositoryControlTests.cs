namespace G5kFw.Sagas.Tests.Persistence;

/// <summary>
/// Runs the concurrency scenarios with the repository's concurrency check switched off, to show that the tests in
/// <see cref="MartenSagaRepositoryTests"/> fail without it.
/// </summary>
public sealed class MartenSagaRepositoryControlTests
{
    [Fact]
    public async Task ConcurrentEventsLoseUpdatesWithoutCheck()
    {
        await using var host = await CounterSagaHost.StartAsync(concurrencyCheck: false);

        var saga = await host.CountOnExistingSagaAsync(Guid.NewGuid(), 50);

        Assert.NotNull(saga);
        Assert.True(saga.Numbers.Count < 51, $"Expected lost updates, but all {saga.Numbers.Count} were stored.");
    }

    [Fact]
    public async Task ConcurrentFirstEventsConflictWithoutCheck()
    {
        await using var host = await CounterSagaHost.StartAsync(concurrencyCheck: false);

        var saga = await host.CountOnNewSagaAsync(Guid.NewGuid(), 20);

        Assert.NotNull(saga);
        Assert.True(
            host.Events.Created.Count > 1 || saga.Numbers.Count < 20,
            $"Expected several creations or lost numbers, but one creation stored all {saga.Numbers.Count}.");
    }
}
