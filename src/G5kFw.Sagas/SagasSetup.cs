using G5kFw.Infrastructure.Persistence;
using G5kFw.Sagas.Firewalls;
using G5kFw.Sagas.Jobs;
using G5kFw.Sagas.Persistence;
using G5kFw.Sagas.ReadModels;
using G5kFw.Sagas.Scheduling;
using G5kFw.Sagas.Settings;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace G5kFw.Sagas;

public static class SagasSetup
{
    /// <summary>
    /// Registers what the job sagas need besides the bus: Marten with the read model, the settings, and Quartz with
    /// its clustered job store on PostgreSQL, whose tables are created at start.
    /// </summary>
    public static IServiceCollection AddG5kFwSagas(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new SagaSettings();
        configuration.GetSection(SagaSettings.Section).Bind(settings);
        services.AddSingleton(settings);
        services.AddSingleton<SiteFirewalls>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobRetries>();
        services.AddSingleton<G5kFw.Oar.IActiveJobSource, MartenActiveJobSource>();

        services.AddG5kFwMarten(configuration, options =>
        {
            ReadModelSchema.Configure(options);
            options.Schema.For<OarJobState>().Index(job => job.Site);
        });

        var connectionString = configuration.GetPostgresConnectionString();
        services.AddHostedService<QuartzSchema>();
        services.AddQuartz(quartz =>
        {
            // Quartz acquires, with a row lock, every trigger due within its idle wait (30 s by default), and
            // releases and acquires them again at each schedule change. A POST schedules and deletes several
            // triggers due Saga:ReplyTimeoutSeconds or Saga:RetrySeconds later, so a 1 s wait keeps the scheduler
            // from rewriting them about ten times per request. Triggers still fire on time, because the scheduler
            // acquires a trigger before it is due and then waits for its fire time.
            quartz.ConfigureScheduler(scheduler => scheduler.IdleWaitTime = TimeSpan.FromSeconds(1));
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(clustering => clustering.CheckinInterval = TimeSpan.FromSeconds(10));
                store.ConfigureStore(options => options.StoreJobDataAsStrings = true);
            });
        });
        services.AddQuartzHostedService(options =>
        {
            // Triggers that came due while no Worker ran fire at once, and their jobs publish on the bus, which
            // starts after this registration.
            options.AwaitApplicationStarted = true;
            options.WaitForJobsToComplete = true;
        });
        return services;
    }

    /// <summary>Adds the job saga, stored in Marten, and the consumer that rebuilds a starting agent.</summary>
    public static IBusRegistrationConfigurator AddG5kFwSagas(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaStateMachine<OarJobStateMachine, OarJobState, OarJobSagaDefinition>().MartenRepository();
        bus.AddConsumer<FirewallAgentStartedConsumer>();
        return bus;
    }
}
