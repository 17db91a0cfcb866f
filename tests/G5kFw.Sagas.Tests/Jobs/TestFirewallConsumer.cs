using G5kFw.Contracts.Firewalls;
using MassTransit;

namespace G5kFw.Sagas.Tests.Jobs;

/// <summary>Applies or fails job rules on one test firewall, as the real agent reports them.</summary>
public sealed class TestFirewallConsumer(TestFirewalls firewalls) : IConsumer<ApplyJobRules>, IConsumer<RebuildFirewall>
{
    public async Task Consume(ConsumeContext<ApplyJobRules> context)
    {
        var message = context.Message;
        var rules = message.Rules;
        if (firewalls.Silent.GetValueOrDefault(message.Firewall))
        {
            return;
        }

        if (firewalls.Failing.GetValueOrDefault(message.Firewall))
        {
            var reason = $"Test firewall {message.Firewall} is set to fail.";
            var failed = new JobRulesFailed(rules.Site, rules.JobId, message.Firewall, rules.Generation, reason);
            await context.Publish(failed);
            return;
        }

        firewalls.Tables.AddOrUpdate(
            (message.Firewall, rules.JobId),
            rules,
            (_, stored) => stored.Generation > rules.Generation ? stored : rules);

        var applied = new JobRulesApplied(
            rules.Site, rules.JobId, message.Firewall, rules.Generation, DateTimeOffset.UtcNow);
        await context.Publish(applied);
    }

    public Task Consume(ConsumeContext<RebuildFirewall> context)
    {
        firewalls.Rebuilds.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
