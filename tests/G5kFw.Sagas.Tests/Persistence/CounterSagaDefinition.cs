using MassTransit;

namespace G5kFw.Sagas.Tests.Persistence;

public sealed class CounterSagaDefinition : SagaDefinition<CounterState>
{
    public CounterSagaDefinition() => ConcurrentMessageLimit = 32;

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<CounterState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<ConcurrencyException>();
            retry.Exponential(200, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(10));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
