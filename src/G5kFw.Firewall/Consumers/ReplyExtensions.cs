using G5kFw.Firewall.Agents;
using MassTransit;

namespace G5kFw.Firewall.Consumers;

internal static class ReplyExtensions
{
    /// <summary>Converts an outcome to <c>JobRulesApplied</c> or <c>JobRulesFailed</c>.</summary>
    public static object ToMessage(this ApplyOutcome outcome, string site, string firewall,
        TimeProvider timeProvider) =>
        outcome.FailureReason is null
            ? new Contracts.Firewalls.JobRulesApplied(site, outcome.JobId, firewall, outcome.Generation,
                timeProvider.GetUtcNow())
            : new Contracts.Firewalls.JobRulesFailed(site, outcome.JobId, firewall, outcome.Generation,
                outcome.FailureReason);

    /// <summary>
    /// Responds when the sender made a request, and publishes otherwise, so the job saga receives it either way.
    /// </summary>
    public static Task ReplyAsync(this ConsumeContext context, object message) =>
        context.RequestId.HasValue
            ? context.RespondAsync(message)
            : context.Publish(message, message.GetType(), context.CancellationToken);
}
