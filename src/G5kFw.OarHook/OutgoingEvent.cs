namespace G5kFw.OarHook;

/// <summary>A MassTransit envelope ready to publish on the exchange named after its message type.</summary>
public sealed record OutgoingEvent(Guid MessageId, string Exchange, ReadOnlyMemory<byte> Body);
