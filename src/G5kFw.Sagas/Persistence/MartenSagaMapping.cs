using Marten;
using Marten.Schema.Identity;
using MassTransit;

namespace G5kFw.Sagas.Persistence;

/// <summary>
/// Maps a saga type to a Marten document keyed by its correlation id, with a version guard on every update.
/// </summary>
public sealed class MartenSagaMapping<TSaga>(MartenSagaRepositoryOptions<TSaga> options) : IConfigureMarten
    where TSaga : class, ISaga
{
    public void Configure(IServiceProvider services, StoreOptions storeOptions)
    {
        storeOptions.Schema.For<TSaga>()
            .Identity(saga => saga.CorrelationId)
            .IdStrategy(new NoOpIdGeneration())
            .UseOptimisticConcurrency(options.ConcurrencyCheck);
    }
}
