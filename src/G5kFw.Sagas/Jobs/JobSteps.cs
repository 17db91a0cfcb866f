using G5kFw.Contracts.Events;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Sagas.ReadModels;
using G5kFw.Sagas.Scheduling;
using G5kFw.Sagas.Settings;
using Marten;
using MassTransit;

namespace G5kFw.Sagas.Jobs;

/// <summary>
/// The side effects of the job saga: rules sent to firewalls, replies, events, retry triggers, and the read model
/// and audit events staged in the saga's Marten session, which commit together with the saga.
/// </summary>
public static class JobSteps
{
    /// <summary>Sets the site, the job and the site's firewalls on a new saga.</summary>
    /// <remarks>
    /// NOTE: the saga reads the site's firewalls once, when it starts. A firewall added to the settings later gets the
    /// job's rules only from the rebuild that its agent requests at start, and the saga does not wait for it.
    /// </remarks>
    public static void Initialize(BehaviorContext<OarJobState> context, string site, long jobId)
    {
        var firewalls = context.GetServiceOrCreateInstance<SiteFirewalls>().For(site);
        context.Saga.Site = site;
        context.Saga.JobId = jobId;
        context.Saga.Firewalls = firewalls.Select(name => new FirewallProgress { Name = name }).ToList();
    }

    public static DateTimeOffset Now(BehaviorContext<OarJobState> context) =>
        context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();

    /// <summary>Sends the job's current rules to the named firewalls, to the queue of each firewall's agent.</summary>
    public static async Task SendRulesAsync(BehaviorContext<OarJobState> context, IEnumerable<string> firewalls)
    {
        var saga = context.Saga;
        var rules = new JobRules(saga.Site, saga.JobId, saga.Generation, saga.Openings.ToList());
        foreach (var firewall in firewalls)
        {
            var endpoint = await context.GetSendEndpoint(FirewallAddress(firewall));
            await endpoint.Send(new ApplyJobRules(firewall, rules), context.CancellationToken);
        }
    }

    public static Uri FirewallAddress(string firewall) => new($"queue:firewall-{firewall}");

    /// <summary>
    /// Stores the reply address of the current request, to reply once every firewall applied
    /// <see cref="OarJobState.Generation"/> or one failed. Replies at once when the outcome is already known.
    /// </summary>
    public static async Task AwaitGenerationAsync(
        BehaviorContext<OarJobState> context, Guid requestId, List<Opening> added)
    {
        if (context.ResponseAddress is null)
        {
            return;
        }

        var settings = context.GetServiceOrCreateInstance<SagaSettings>();
        var reply = new PendingReply
        {
            TransportRequestId = context.RequestId,
            ResponseAddress = context.ResponseAddress,
            RequestId = requestId,
            Generation = context.Saga.Generation,
            Added = added,
            Deadline = Now(context) + TimeSpan.FromSeconds(settings.ReplyTimeoutSeconds),
        };
        context.Saga.PendingReplies.Add(reply);

        if (!await AnswerRepliesAsync(context))
        {
            await ScheduleReplyDeadlineAsync(context);
        }
    }

    /// <summary>Sets the job's reply trigger to the earliest deadline of its pending requests.</summary>
    public static async Task ScheduleReplyDeadlineAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        if (saga.PendingReplies.Count == 0)
        {
            return;
        }

        var deadline = saga.PendingReplies.Min(reply => reply.Deadline);
        if (saga.ReplyDeadlineScheduledAt == deadline)
        {
            return;
        }

        saga.ReplyDeadlineScheduledAt = deadline;
        await context.GetServiceOrCreateInstance<JobRetries>().ScheduleReplyDeadlineAsync(
            saga.Site, saga.JobId, deadline, context.CancellationToken);
    }

    /// <summary>
    /// Replies to every pending request whose outcome is known: all applied, a firewall failed, or its wait ran out.
    /// Returns whether no request is left waiting.
    /// </summary>
    public static async Task<bool> AnswerRepliesAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        var now = Now(context);
        var answeredPending = false;
        foreach (var reply in saga.PendingReplies.ToList())
        {
            var applied = saga.IsAppliedEverywhere(reply.Generation);
            var failed = saga.Firewalls.Any(firewall => firewall.IsFailingAt(reply.Generation));
            if (!applied && !failed && now < reply.Deadline)
            {
                continue;
            }

            var behind = saga.FirewallsBehind(reply.Generation);
            var completed = new OpeningRequestCompleted(
                reply.RequestId, saga.Site, saga.JobId, reply.Generation, applied, reply.Added, behind);
            await SendReplyAsync(context, reply, completed);

            saga.PendingReplies.Remove(reply);
            answeredPending |= !applied;
        }

        if (answeredPending || saga.Firewalls.Any(firewall => firewall.IsFailingAt(saga.Generation)))
        {
            await AnnouncePendingAsync(context);
        }

        await AnnounceAppliedAsync(context);
        return saga.PendingReplies.Count == 0;
    }

    /// <summary>Sends a reply to a request that an earlier message stored, with its request id.</summary>
    public static async Task SendReplyAsync<T>(BehaviorContext<OarJobState> context, PendingReply reply, T message)
        where T : class
    {
        var endpoint = await context.GetSendEndpoint(reply.ResponseAddress);
        await endpoint.Send(message, send => send.RequestId = reply.TransportRequestId, context.CancellationToken);
    }

    public static Task ReplyRejectedAsync(BehaviorContext<OarJobState> context, Guid requestId, string reason)
    {
        var rejected = new OpeningRequestRejected(requestId, context.Saga.Site, context.Saga.JobId, reason);
        return context.ResponseAddress is null ? Task.CompletedTask : context.RespondAsync(rejected);
    }

    /// <summary>Schedules a retry for every firewall behind the current generation, and cancels the others.</summary>
    public static async Task SyncRetriesAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        var retries = context.GetServiceOrCreateInstance<JobRetries>();
        foreach (var firewall in saga.Firewalls)
        {
            var behind = firewall.AppliedGeneration < saga.Generation;
            if (behind && !firewall.RetryScheduled)
            {
                await retries.EnsureRetryAsync(saga.Site, saga.JobId, firewall.Name, context.CancellationToken);
            }
            else if (!behind && firewall.RetryScheduled)
            {
                await retries.CancelRetryAsync(saga.Site, saga.JobId, firewall.Name, context.CancellationToken);
            }

            firewall.RetryScheduled = behind;
        }
    }

    public static async Task CancelTriggersAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        var retries = context.GetServiceOrCreateInstance<JobRetries>();
        foreach (var firewall in saga.Firewalls)
        {
            await retries.CancelRetryAsync(saga.Site, saga.JobId, firewall.Name, context.CancellationToken);
            firewall.RetryScheduled = false;
        }

        await retries.CancelReplyDeadlineAsync(saga.Site, saga.JobId, context.CancellationToken);
        saga.ReplyDeadlineScheduledAt = null;
    }

    /// <summary>Stages the read model of the job's openings in the saga's session.</summary>
    public static void StoreReadModel(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        context.GetPayload<IDocumentSession>().Store(new JobOpenings
        {
            Id = JobOpenings.IdFor(saga.Site, saga.JobId),
            Site = saga.Site,
            JobId = saga.JobId,
            Generation = saga.Generation,
            Openings = saga.Openings.ToList(),
            Ended = saga.EndedAt is not null,
            UpdatedAt = Now(context),
        });
    }

    public static void DeleteReadModel(BehaviorContext<OarJobState> context)
    {
        var id = JobOpenings.IdFor(context.Saga.Site, context.Saga.JobId);
        context.GetPayload<IDocumentSession>().Delete<JobOpenings>(id);
    }

    /// <summary>Stages the marker that rejects later requests for the ended job in the saga's session.</summary>
    public static void MarkEnded(BehaviorContext<OarJobState> context, DateTimeOffset endedAt) =>
        context.GetPayload<IDocumentSession>().Store(new EndedJob
        {
            Id = JobOpenings.IdFor(context.Saga.Site, context.Saga.JobId),
            EndedAt = endedAt,
        });

    public static async Task<bool> HasEndedAsync(BehaviorContext<OarJobState> context)
    {
        var id = JobOpenings.IdFor(context.Saga.Site, context.Saga.JobId);
        var ended = await context.GetPayload<IDocumentSession>().LoadAsync<EndedJob>(id, context.CancellationToken);
        return ended is not null;
    }

    /// <summary>Stages an audit event on the job's stream, whose id is the saga's correlation id.</summary>
    public static void Audit(BehaviorContext<OarJobState> context, object change) =>
        context.GetPayload<IDocumentSession>().Events.Append(context.Saga.CorrelationId, change);

    private static async Task AnnounceAppliedAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        if (saga.AnnouncedGeneration >= saga.Generation || !saga.IsAppliedEverywhere(saga.Generation))
        {
            return;
        }

        saga.AnnouncedGeneration = saga.Generation;
        if (saga.RemovalReason is not null)
        {
            await context.Publish(new OpeningsRemoved(saga.Site, saga.JobId, saga.Generation, saga.RemovalReason));
        }
        else
        {
            await context.Publish(new OpeningsApplied(saga.Site, saga.JobId, saga.Generation, saga.Openings.ToList()));
        }
    }

    private static async Task AnnouncePendingAsync(BehaviorContext<OarJobState> context)
    {
        var saga = context.Saga;
        if (saga.PendingAnnouncedGeneration >= saga.Generation || saga.IsAppliedEverywhere(saga.Generation))
        {
            return;
        }

        saga.PendingAnnouncedGeneration = saga.Generation;
        var behind = saga.FirewallsBehind(saga.Generation);
        await context.Publish(new ApplyPending(saga.Site, saga.JobId, saga.Generation, behind));
    }
}
