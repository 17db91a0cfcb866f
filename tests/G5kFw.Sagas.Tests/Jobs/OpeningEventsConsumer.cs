using G5kFw.Contracts.Events;
using MassTransit;

namespace G5kFw.Sagas.Tests.Jobs;

/// <summary>Records the events that the job saga publishes for other services.</summary>
public sealed class OpeningEventsConsumer(TestFirewalls firewalls) :
    IConsumer<OpeningsApplied>, IConsumer<OpeningsRemoved>, IConsumer<ApplyPending>
{
    public Task Consume(ConsumeContext<OpeningsApplied> context) => Record(context.Message);

    public Task Consume(ConsumeContext<OpeningsRemoved> context) => Record(context.Message);

    public Task Consume(ConsumeContext<ApplyPending> context) => Record(context.Message);

    private Task Record(object message)
    {
        firewalls.Events.Enqueue(message);
        return Task.CompletedTask;
    }
}
