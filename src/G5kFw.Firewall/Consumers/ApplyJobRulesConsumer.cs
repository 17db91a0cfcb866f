using G5kFw.Contracts.Firewalls;
using G5kFw.Firewall.Agents;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall.Consumers;

/// <summary>
/// Applies a job's rules on the named firewall and replies with <see cref="JobRulesApplied"/> or
/// <see cref="JobRulesFailed"/>: as a response when the sender made a request, published otherwise.
/// </summary>
public sealed class ApplyJobRulesConsumer(
    FirewallAgentRegistry registry,
    TimeProvider timeProvider,
    ILogger<ApplyJobRulesConsumer> logger) : IConsumer<ApplyJobRules>
{
    public async Task Consume(ConsumeContext<ApplyJobRules> context)
    {
        var message = context.Message;
        var rules = message.Rules;
        var agent = registry.Find(message.Firewall);
        if (agent is null)
        {
            logger.LogError(
                "No firewall agent {Firewall} runs here; generation {Generation} of job {JobId} of site {Site} is " +
                    "not applied",
                message.Firewall, rules.Generation, rules.JobId, rules.Site);
            await context.ReplyAsync(new JobRulesFailed(rules.Site, rules.JobId, message.Firewall, rules.Generation,
                $"No agent for firewall {message.Firewall} runs on this endpoint; check the agent settings."));
            return;
        }

        var outcome = await agent.ApplyAsync(rules, context.CancellationToken);

        await context.ReplyAsync(outcome.ToMessage(rules.Site, message.Firewall, timeProvider));
    }
}
