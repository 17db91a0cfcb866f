using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Oar;
using G5kFw.Contracts.Openings;
using G5kFw.Sagas.Persistence;
using MassTransit;

namespace G5kFw.Sagas.Jobs;

public sealed class OarJobSagaDefinition : SagaDefinition<OarJobState>
{
    private const int Partitions = 16;

    public OarJobSagaDefinition() => ConcurrentMessageLimit = Partitions;

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<OarJobState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Messages of other Workers for the same job still conflict with this one. Each conflict runs the message
        // again on the stored saga.
        endpointConfigurator.UseSagaConcurrencyRetry();

        // Rules, replies and events leave only after the saga and its documents are saved, so that a retried message
        // never sends what a failed attempt computed.
        endpointConfigurator.UseInMemoryOutbox(context);

        // Within one Worker, the messages of one job run one at a time, because a burst of requests and
        // acknowledgements for one job would otherwise spend most of its time on conflicts and retries.
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        Partition<OpeningRequested>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<RemoveOpenings>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<OarJobEnded>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<JobRulesApplied>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<JobRulesFailed>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<RetryJobRules>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
        Partition<ReplyDeadlineReached>(sagaConfigurator, partitioner, m => JobSagaId.For(m.Site, m.JobId));
    }

    private static void Partition<T>(ISagaConfigurator<OarJobState> saga, IPartitioner partitioner, Func<T, Guid> key)
        where T : class =>
        saga.Message<T>(message => message.UsePartitioner(partitioner, context => key(context.Message)));
}
