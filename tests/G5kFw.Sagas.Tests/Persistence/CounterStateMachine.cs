using MassTransit;

namespace G5kFw.Sagas.Tests.Persistence;

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    /// <summary>
    /// Time between loading and saving the saga. It widens the race window, so that the control run without the
    /// concurrency check loses updates on every run rather than on most.
    /// </summary>
    private static readonly TimeSpan WorkTime = TimeSpan.FromMilliseconds(50);

    public CounterStateMachine()
    {
        InstanceState(saga => saga.CurrentState);
        Event(() => NumberSent, e => e.CorrelateById(context => context.Message.CounterId));

        Initially(
            When(NumberSent)
                .ThenAsync(CountAsync)
                .Publish(context => new CounterCreated(context.Saga.CorrelationId, context.Message.Number))
                .TransitionTo(Counting));

        During(Counting,
            When(NumberSent)
                .ThenAsync(CountAsync));
    }

    public State Counting { get; private set; } = null!;

    public Event<CountNumber> NumberSent { get; private set; } = null!;

    private static async Task CountAsync(BehaviorContext<CounterState, CountNumber> context)
    {
        context.Saga.Numbers.Add(context.Message.Number);
        await Task.Delay(WorkTime, context.CancellationToken);
        await context.Publish(new NumberCounted(context.Saga.CorrelationId, context.Message.Number));
    }
}
