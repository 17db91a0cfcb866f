using G5kFw.Contracts.Firewalls;
using G5kFw.Sagas.Jobs;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace G5kFw.Sagas.Firewalls;

/// <summary>
/// Sends a starting agent the rules of every job of its site that has a saga, so that it rebuilds its table. Jobs
/// that are ending go with empty rules, which the agent applies as their removal.
/// </summary>
public sealed class FirewallAgentStartedConsumer(IDocumentStore store, ILogger<FirewallAgentStartedConsumer> logger)
    : IConsumer<FirewallAgentStarted>
{
    public async Task Consume(ConsumeContext<FirewallAgentStarted> context)
    {
        var message = context.Message;
        await using var session = store.QuerySession();
        var jobs = await session.Query<OarJobState>()
            .Where(job => job.Site == message.Site)
            .ToListAsync(context.CancellationToken);

        var rules = jobs
            .Select(job => new JobRules(job.Site, job.JobId, job.Generation, job.Openings))
            .OrderBy(job => job.JobId)
            .ToList();

        logger.LogInformation(
            "Firewall agent {Firewall} of site {Site} started; sending the rules of {Count} jobs",
            message.Firewall, message.Site, rules.Count);
        var endpoint = await context.GetSendEndpoint(JobSteps.FirewallAddress(message.Firewall));
        await endpoint.Send(new RebuildFirewall(message.Site, message.Firewall, rules), context.CancellationToken);
    }
}
