using Marten;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace G5kFw.Sagas.Persistence;

public static class MartenSagaRepositoryExtensions
{
    /// <summary>
    /// Stores the saga in the Marten document store of the container, with optimistic concurrency. The saga's
    /// definition retries <see cref="MassTransit.ConcurrencyException"/> so that a conflicting message runs again on
    /// the stored version.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> MartenRepository<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> configurator, MartenSagaRepositoryOptions<TSaga>? options = null)
        where TSaga : class, ISaga
    {
        options ??= new MartenSagaRepositoryOptions<TSaga>();
        configurator.Repository(services =>
        {
            services.AddSingleton(options);
            services.AddSingleton<IConfigureMarten>(new MartenSagaMapping<TSaga>(options));
            services.RegisterLoadSagaRepository<TSaga, MartenSagaRepositoryContextFactory<TSaga>>();
            services.RegisterQuerySagaRepository<TSaga, MartenSagaRepositoryContextFactory<TSaga>>();
            services.RegisterSagaRepository<TSaga, IDocumentSession, SagaConsumeContextFactory<IDocumentSession, TSaga>,
                MartenSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
