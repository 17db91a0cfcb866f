using RabbitMQ.Client;

namespace G5kFw.OarHook;

/// <summary>Publishes spooled events to RabbitMQ with publisher confirms, within the caller's deadline.</summary>
public static class RabbitPublisher
{
    /// <summary>
    /// Publishes the events in order and deletes each spool file once RabbitMQ confirms its event; returns how many
    /// were published. Throws when the broker is unreachable or the deadline passes, and leaves the rest spooled.
    /// </summary>
    public static async Task<int> PublishAsync(
        HookSettings settings, IReadOnlyList<PendingEvent> events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var factory = new ConnectionFactory
        {
            HostName = settings.RabbitHost,
            Port = settings.RabbitPort,
            VirtualHost = settings.RabbitVirtualHost,
            UserName = settings.RabbitUsername,
            Password = settings.RabbitPassword,
            ClientProvidedName = "G5kFw.OarHook",
            RequestedConnectionTimeout = timeout,
            HandshakeContinuationTimeout = timeout,
            ContinuationTimeout = timeout,
            SocketReadTimeout = timeout,
            SocketWriteTimeout = timeout,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options, cancellationToken);

        var declared = new HashSet<string>(StringComparer.Ordinal);
        var published = 0;
        foreach (var (outgoing, spoolPath) in events)
        {
            // MassTransit declares message-type exchanges as durable fanout exchanges; declaring the same one here
            // lets the hook publish before any Worker has started.
            if (declared.Add(outgoing.Exchange))
            {
                await channel.ExchangeDeclareAsync(
                    outgoing.Exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: cancellationToken);
            }

            var properties = new BasicProperties
            {
                ContentType = MassTransitEnvelope.ContentType,
                DeliveryMode = DeliveryModes.Persistent,
                MessageId = outgoing.MessageId.ToString(),
            };
            await channel.BasicPublishAsync(
                outgoing.Exchange, "", mandatory: false, properties, outgoing.Body, cancellationToken);

            if (spoolPath is not null)
            {
                File.Delete(spoolPath);
            }

            published++;
        }

        // Closing the connection closes its channel too, which saves one round trip.
        await connection.CloseAsync(cancellationToken);
        return published;
    }
}
