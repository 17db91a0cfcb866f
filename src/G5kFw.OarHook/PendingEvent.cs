namespace G5kFw.OarHook;

/// <summary>An event to publish, with the spool file to delete once RabbitMQ confirms it (null when unspooled).</summary>
public sealed record PendingEvent(OutgoingEvent Event, string? SpoolPath);
