using System.Globalization;
using System.Text.Json;

namespace G5kFw.OarHook;

/// <summary>
/// A directory of events not yet confirmed by RabbitMQ, one envelope per file. The hook writes each event here before
/// it publishes, and deletes the file once RabbitMQ confirms it, so an event survives a broker outage or a killed
/// hook. Delivery is at least once: a hook killed between the confirm and the delete publishes the event again.
/// </summary>
public sealed class EventSpool(string directory)
{
    private const string Extension = ".json";

    public string Directory { get; } = directory;

    /// <summary>Writes the event atomically (a temporary file, then a rename) and returns its path.</summary>
    public string Add(OutgoingEvent outgoing)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():D13}-{outgoing.MessageId}");
        var path = Path.Combine(Directory, name + Extension);
        var temporary = Path.Combine(Directory, name + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(outgoing.Body.Span);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
        return path;
    }

    /// <summary>Lists the spooled events, oldest first, so that a job's start is published before its end.</summary>
    public IReadOnlyList<string> Pending()
    {
        var paths = System.IO.Directory.GetFiles(Directory, "*" + Extension);
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    /// <summary>Reads a spooled envelope and recovers its exchange from the envelope's message type.</summary>
    public static OutgoingEvent Read(string path)
    {
        var body = File.ReadAllBytes(path);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var messageId = root.GetProperty("messageId").GetGuid();
        var messageType = root.GetProperty("messageType")[0].GetString() ?? "";
        const string prefix = "urn:message:";
        if (!messageType.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Spooled event {path} has message type '{messageType}'; expected {prefix}...");
        }

        return new OutgoingEvent(messageId, messageType[prefix.Length..], body);
    }

    /// <summary>
    /// Takes the spool's drain lock without waiting, or returns null when another hook process holds it or the lock
    /// file cannot be opened. On Linux, .NET takes an advisory flock for <see cref="FileShare.None"/>, which the
    /// kernel releases when the process dies. The file is opened read-only, so that a lock file that root created
    /// still works for user oar.
    /// </summary>
    public FileStream? TryLockForDrain()
    {
        try
        {
            return new FileStream(
                Path.Combine(Directory, ".drain.lock"), FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
