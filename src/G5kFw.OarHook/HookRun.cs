using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client.Exceptions;

namespace G5kFw.OarHook;

/// <summary>One run of the hook: spool the job's event, then publish the spool to RabbitMQ within the deadline.</summary>
public static class HookRun
{
    public static async Task RunAsync(HookCommand command)
    {
        // The runtime starts in roughly 100 ms before Main runs, so the budget counts from the process start.
        using var process = Process.GetCurrentProcess();
        var sinceProcessStart = DateTime.Now - process.StartTime;
        var startedAt = Stopwatch.GetTimestamp() - (long)(sinceProcessStart.TotalSeconds * Stopwatch.Frequency);
        var subject = command.Event is { } name ? $"job {command.JobId} {name.ToString().ToLowerInvariant()}" : "drain";
        HookSettings settings;
        try
        {
            settings = HookSettings.FromEnvironment();
        }
        catch (HookSettingsException exception)
        {
            Write($"{subject}: {exception.Message} The event is lost unless reconciliation finds the job ended.");
            return;
        }

        subject = $"site {settings.Site} {subject}";
        using var deadline = new CancellationTokenSource(Remaining(settings, startedAt));
        var spool = new EventSpool(settings.SpoolDirectory);
        var own = command.Event is { } jobEvent
            ? MassTransitEnvelope.ForJob(jobEvent, settings.Site, command.JobId, DateTimeOffset.UtcNow)
            : null;
        var ownPath = own is null ? null : TryAdd(spool, own, subject);

        // Only one hook process drains the spool at a time, so that two jobs ending together do not publish each
        // other's spooled events twice. A process that does not get the lock publishes only its own event.
        using var drainLock = spool.TryLockForDrain();
        var pending = drainLock is null ? [] : ReadSpool(spool, subject);
        if (own is not null && (drainLock is null || ownPath is null))
        {
            pending.Add(new PendingEvent(own, ownPath));
        }

        var address = $"{settings.RabbitHost}:{settings.RabbitPort}";
        try
        {
            // RabbitMQ.Client can spend seconds cleaning up a canceled handshake with a broker that does not
            // answer, so the hook stops waiting at the deadline and lets the process exit with that work undone.
            var remaining = Remaining(settings, startedAt);
            var published = await RabbitPublisher.PublishAsync(settings, pending, remaining, deadline.Token)
                .WaitAsync(remaining);
            Write($"{subject}: published {published} event(s) to RabbitMQ at {address} " +
                $"in {Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds:0} ms");
        }
        catch (Exception exception) when (exception is RabbitMQClientException or IOException
            or OperationCanceledException or TimeoutException)
        {
            Write($"{subject}: publishing to RabbitMQ at {address} failed ({exception.GetType().Name}: " +
                $"{exception.Message}); the event stays in {spool.Directory} for the next run of the hook");
        }
    }

    private static TimeSpan Remaining(HookSettings settings, long startedAt)
    {
        var remaining = settings.Deadline - Stopwatch.GetElapsedTime(startedAt);
        return remaining > TimeSpan.FromMilliseconds(1) ? remaining : TimeSpan.FromMilliseconds(1);
    }

    private static string? TryAdd(EventSpool spool, OutgoingEvent outgoing, string subject)
    {
        try
        {
            return spool.Add(outgoing);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Write($"{subject}: writing to the spool {spool.Directory} failed ({exception.Message}); " +
                "publishing the event without a copy. Give user oar write access to the spool.");
            return null;
        }
    }

    /// <summary>Reads every spooled event; a file that is not a valid envelope is renamed aside, not retried.</summary>
    private static List<PendingEvent> ReadSpool(EventSpool spool, string subject)
    {
        var pending = new List<PendingEvent>();
        foreach (var path in spool.Pending())
        {
            try
            {
                pending.Add(new PendingEvent(EventSpool.Read(path), path));
            }
            catch (Exception exception) when (exception is JsonException or InvalidDataException or KeyNotFoundException
                or FormatException or InvalidOperationException or IndexOutOfRangeException)
            {
                File.Move(path, path + ".invalid", overwrite: true);
                Write($"{subject}: spooled event {path} is invalid ({exception.Message}); renamed it to {path}.invalid");
            }
        }

        return pending;
    }

    private static void Write(string message) =>
        Console.Out.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} G5kFw.OarHook {message}");
}
