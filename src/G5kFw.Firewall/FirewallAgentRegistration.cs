using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Consumers;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Settings;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall;

public static class FirewallAgentRegistration
{
    /// <summary>
    /// Registers one firewall agent per item of the <c>Agents</c> settings, each with its own receive endpoint
    /// <c>firewall-{Firewall}</c>, and their consumers. Without <c>Agents</c> it registers nothing.
    /// </summary>
    public static IBusRegistrationConfigurator AddFirewallAgents(
        this IBusRegistrationConfigurator bus,
        IConfiguration configuration)
    {
        var agents = FirewallAgentSettingsReader.Read(configuration);
        if (agents.Count == 0)
        {
            return bus;
        }

        bus.TryAddSingleton(TimeProvider.System);
        foreach (var settings in agents)
        {
            // Each agent is a keyed service so that its hosted service receives its own agent, not the last one.
            bus.AddKeyedSingleton(settings.Firewall, (services, _) => new FirewallAgent(
                settings,
                new LibNftables(settings.Namespace),
                services.GetRequiredService<ILogger<FirewallAgent>>(),
                reader: new LibNftables(settings.Namespace)));
            bus.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<FirewallAgentService>(
                services, services.GetRequiredKeyedService<FirewallAgent>(settings.Firewall)));
        }

        bus.AddSingleton(services => new FirewallAgentRegistry(
            agents.Select(settings => services.GetRequiredKeyedService<FirewallAgent>(settings.Firewall))));

        // The agents connect their endpoints themselves, one queue per firewall.
        bus.AddConsumer<ApplyJobRulesConsumer>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<RebuildFirewallConsumer>().ExcludeFromConfigureEndpoints();
        return bus;
    }
}
