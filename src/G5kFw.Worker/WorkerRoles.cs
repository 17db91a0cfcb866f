using G5kFw.Firewall;
using G5kFw.Infrastructure.Messaging;
using G5kFw.Oar;
using G5kFw.Sagas;
using Quartz;

namespace G5kFw.Worker;

/// <summary>
/// The registration of what one Worker runs: the job sagas with the OAR reconciliation (unless <c>Saga:Enabled</c>
/// is false, as on a firewall host), and one firewall agent per item of the <c>Agents</c> section.
/// </summary>
public static class WorkerRoles
{
    public static IServiceCollection AddWorkerRoles(this IServiceCollection services, IConfiguration configuration)
    {
        var runsSagas = configuration.GetValue("Saga:Enabled", true);
        if (runsSagas)
        {
            services.AddG5kFwSagas(configuration);
            services.AddG5kFwOar(configuration);
            services.AddQuartz(quartz => quartz.AddOarReconciliation(configuration.GetOarSettings()));
        }

        services.AddG5kFwBus(configuration, bus =>
        {
            if (runsSagas)
            {
                bus.AddG5kFwSagas();
            }

            bus.AddFirewallAgents(configuration);
        });
        return services;
    }
}
