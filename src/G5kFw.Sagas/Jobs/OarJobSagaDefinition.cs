using G5kFw.Sagas.Persistence;
using MassTransit;

namespace G5kFw.Sagas.Jobs;

public sealed class OarJobSagaDefinition : SagaDefinition<OarJobState>
{
    public OarJobSagaDefinition() => ConcurrentMessageLimit = 16;

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<OarJobState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Every message of a job meets the same saga instance, so a burst of requests and acknowledgements for one
        // job conflicts often, and each conflict runs the message again.
        endpointConfigurator.UseSagaConcurrencyRetry();

        // Rules, replies and events leave only after the saga and its documents are saved, so that a retried message
        // never sends what a failed attempt computed.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
