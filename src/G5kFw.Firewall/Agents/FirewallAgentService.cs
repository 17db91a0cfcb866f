using G5kFw.Contracts.Firewalls;
using G5kFw.Firewall.Consumers;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall.Agents;

/// <summary>
/// Runs one firewall agent: prepares its table, connects its receive endpoint <c>firewall-{Firewall}</c>,
/// publishes <see cref="FirewallAgentStarted"/>, then checks the table for drift on every tick. Until the
/// saga replies with <see cref="RebuildFirewall"/>, each tick publishes <see cref="FirewallAgentStarted"/> again,
/// because the saga may not have been running at the first one.
/// </summary>
public sealed class FirewallAgentService(
    FirewallAgent agent,
    IBus bus,
    IReceiveEndpointConnector endpointConnector,
    TimeProvider timeProvider,
    ILogger<FirewallAgentService> logger) : BackgroundService
{
    private readonly Guid _instanceId = Guid.NewGuid();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = agent.Settings;
        await agent.InitializeAsync(stoppingToken);

        var endpoint = endpointConnector.ConnectReceiveEndpoint(settings.QueueName, (context, configurator) =>
        {
            // The saga sends commands to this queue; binding the message exchanges as well would deliver a
            // published command to every agent of the process.
            configurator.ConfigureConsumeTopology = false;
            configurator.UseMessageRetry(retry => retry.Intervals(500, 2000, 5000));
            configurator.ConfigureConsumer<ApplyJobRulesConsumer>(context);
            configurator.ConfigureConsumer<RebuildFirewallConsumer>(context);
        });
        await endpoint.Ready.WaitAsync(stoppingToken);

        logger.LogInformation(
            "Firewall agent {Firewall} of site {Site} started on queue {Queue}, namespace {Namespace}, table {Table}",
            settings.Firewall, settings.Site, settings.QueueName, settings.Namespace ?? "(own)", settings.Table);
        await PublishStartedAsync(stoppingToken);

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.DriftCheckSeconds), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Firewall agent {Firewall} of site {Site} stopping", settings.Firewall,
                settings.Site);
        }
        finally
        {
            await endpoint.StopAsync(CancellationToken.None);
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!agent.KnowsDesiredState)
            {
                logger.LogWarning(
                    "Firewall agent {Firewall} of site {Site} has not received the desired state; announcing its " +
                        "start again",
                    agent.Settings.Firewall, agent.Settings.Site);
                await PublishStartedAsync(cancellationToken);
                return;
            }

            await agent.RepairDriftAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception,
                "Firewall agent {Firewall} of site {Site} failed to check for drift; it tries again at the next tick",
                agent.Settings.Firewall, agent.Settings.Site);
        }
    }

    private Task PublishStartedAsync(CancellationToken cancellationToken) =>
        bus.Publish(
            new FirewallAgentStarted(agent.Settings.Site, agent.Settings.Firewall, _instanceId,
                timeProvider.GetUtcNow()),
            cancellationToken);
}
