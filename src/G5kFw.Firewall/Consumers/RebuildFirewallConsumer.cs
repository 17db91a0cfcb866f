using G5kFw.Contracts.Firewalls;
using G5kFw.Firewall.Agents;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall.Consumers;

/// <summary>
/// Rebuilds the named firewall's table from every active job of its site, then publishes one
/// <see cref="JobRulesApplied"/> or <see cref="JobRulesFailed"/> per job.
/// </summary>
public sealed class RebuildFirewallConsumer(
    FirewallAgentRegistry registry,
    TimeProvider timeProvider,
    ILogger<RebuildFirewallConsumer> logger) : IConsumer<RebuildFirewall>
{
    public async Task Consume(ConsumeContext<RebuildFirewall> context)
    {
        var message = context.Message;
        var agent = registry.Find(message.Firewall);
        if (agent is null)
        {
            logger.LogError(
                "No firewall agent {Firewall} runs here; the rebuild for site {Site} with {JobCount} jobs is not " +
                    "applied",
                message.Firewall, message.Site, message.Jobs.Count);
            return;
        }

        var outcomes = await agent.RebuildAsync(message.Jobs, context.CancellationToken);

        foreach (var outcome in outcomes)
        {
            await context.Publish(outcome.ToMessage(message.Site, message.Firewall, timeProvider),
                context.CancellationToken);
        }
    }
}
