using G5kFw.Sagas.Persistence;
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
        endpointConfigurator.UseSagaConcurrencyRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
