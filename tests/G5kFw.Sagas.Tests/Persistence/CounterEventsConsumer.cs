using MassTransit;

namespace G5kFw.Sagas.Tests.Persistence;

public sealed class CounterEventsConsumer(CounterEvents events) : IConsumer<CounterCreated>, IConsumer<NumberCounted>
{
    public Task Consume(ConsumeContext<CounterCreated> context)
    {
        events.Created.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<NumberCounted> context)
    {
        events.Counted.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
