using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using G5kFw.Contracts.Oar;

namespace G5kFw.OarHook;

/// <summary>
/// Writes OAR events in MassTransit's JSON envelope (content type <see cref="ContentType"/>), so that MassTransit
/// consumers of <see cref="OarJobStarted"/> and <see cref="OarJobEnded"/> receive what this process publishes.
/// </summary>
public static class MassTransitEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    public static OutgoingEvent ForJob(JobEvent jobEvent, string site, long jobId, DateTimeOffset observedAt) =>
        jobEvent switch
        {
            JobEvent.Started => Create(
                new OarJobStarted(site, jobId, observedAt), HookJsonContext.Default.OarJobStarted, observedAt),
            JobEvent.Ended => Create(
                new OarJobEnded(site, jobId, observedAt), HookJsonContext.Default.OarJobEnded, observedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(jobEvent), jobEvent, "Expected Started or Ended."),
        };

    /// <summary>
    /// Returns MassTransit's entity name of a message type, <c>Namespace:Name</c>, which names its exchange.
    /// </summary>
    public static string EntityName(Type messageType) => $"{messageType.Namespace}:{messageType.Name}";

    private static OutgoingEvent Create<T>(T message, JsonTypeInfo<T> typeInfo, DateTimeOffset sentTime)
    {
        var messageId = Guid.CreateVersion7(sentTime);
        var entityName = EntityName(typeof(T));
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("messageId", messageId);
            writer.WriteStartArray("messageType");
            writer.WriteStringValue($"urn:message:{entityName}");
            writer.WriteEndArray();
            writer.WritePropertyName("message");
            JsonSerializer.Serialize(writer, message, typeInfo);
            writer.WriteString("sentTime", sentTime);
            writer.WriteStartObject("headers");
            writer.WriteEndObject();
            writer.WriteStartObject("host");
            writer.WriteString("machineName", Environment.MachineName);
            writer.WriteString("processName", "G5kFw.OarHook");
            writer.WriteNumber("processId", Environment.ProcessId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new OutgoingEvent(messageId, entityName, buffer.WrittenMemory);
    }
}
