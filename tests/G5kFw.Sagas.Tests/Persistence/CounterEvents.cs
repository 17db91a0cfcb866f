using System.Collections.Concurrent;

namespace G5kFw.Sagas.Tests.Persistence;

/// <summary>The counter events that reached the test's consumer.</summary>
public sealed class CounterEvents
{
    public ConcurrentQueue<CounterCreated> Created { get; } = new();

    public ConcurrentQueue<NumberCounted> Counted { get; } = new();
}
