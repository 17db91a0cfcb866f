using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Oar;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rules;
using G5kFw.Sagas.Audit;
using G5kFw.Sagas.Scheduling;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace G5kFw.Sagas.Jobs;

/// <summary>What the job saga does with each message. Messages delivered twice find nothing left to change.</summary>
public static class JobHandlers
{
    public const string OarCaller = "oar";
    public const string JobEndedReason = "OAR reported that the job ended.";

    public static async Task AddOpeningsAsync(BehaviorContext<OarJobState, OpeningRequested> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        var added = OpeningSet.FindNew(saga.Openings, message.Openings);

        // Checked before the request is remembered, so that a second delivery gets the same rejection.
        if (added.Count > 0 && message.Limits?.FindExcess(saga.JobId, [.. saga.Openings, .. added]) is { } excess)
        {
            Logger(context).LogWarning(
                "Job {Site}/{JobId} rejected {Count} new openings from {Caller} (request {RequestId}): {Reason}",
                saga.Site, saga.JobId, added.Count, message.Caller, message.RequestId, excess);
            await JobSteps.ReplyRejectedAsync(context, message.RequestId, excess);
            return;
        }

        if (added.Count > 0 && FindInvalidOpening(saga, added) is { } invalid)
        {
            Logger(context).LogError(
                "Job {Site}/{JobId} rejected {Count} new openings from {Caller} (request {RequestId}) that the " +
                    "firewall agents would reject: {Reason}",
                saga.Site, saga.JobId, added.Count, message.Caller, message.RequestId, invalid);
            await JobSteps.ReplyRejectedAsync(context, message.RequestId, invalid);
            return;
        }

        if (!saga.RememberRequest(message.RequestId))
        {
            return;
        }

        if (added.Count > 0)
        {
            saga.Openings.AddRange(added);
            saga.Generation++;
            saga.RemovalReason = null;
            JobSteps.Audit(context, new OpeningsAdded(
                saga.Site, saga.JobId, saga.Generation, message.Caller, message.RequestedAt, added));
            Logger(context).LogInformation(
                "Job {Site}/{JobId} has {Count} new openings from {Caller} at generation {Generation}",
                saga.Site, saga.JobId, added.Count, message.Caller, saga.Generation);
            await ApplyNewGenerationAsync(context);
        }

        await JobSteps.AwaitGenerationAsync(context, message.RequestId, added);
    }

    /// <summary>
    /// Parses the openings as the firewall agents do and returns why they would reject them, or null. An opening
    /// that every agent rejects would hold back every later change of the job, so it never enters the saga.
    /// </summary>
    private static string? FindInvalidOpening(OarJobState saga, List<Opening> openings)
    {
        try
        {
            JobRulesParser.Parse(new JobRules(saga.Site, saga.JobId, saga.Generation + 1, openings));
            return null;
        }
        catch (InvalidJobRulesException exception)
        {
            return exception.Message;
        }
    }

    public static async Task RemoveOpeningsAsync(BehaviorContext<OarJobState, RemoveOpenings> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        if (!saga.RememberRequest(message.RequestId))
        {
            return;
        }

        if (saga.Openings.Count > 0)
        {
            var reason = $"{message.Caller} removed every opening of the job.";
            ClearOpenings(context, message.Caller, message.RequestedAt, reason);
            await ApplyNewGenerationAsync(context);
        }

        await JobSteps.AwaitGenerationAsync(context, message.RequestId, []);
    }

    /// <summary>
    /// Removes every opening of an ended job. Requests still waiting can no longer be applied, so they are rejected.
    /// </summary>
    public static async Task EndJobAsync(BehaviorContext<OarJobState, OarJobEnded> context)
    {
        var saga = context.Saga;
        saga.EndedAt = context.Message.ObservedAt;
        JobSteps.MarkEnded(context, context.Message.ObservedAt);
        ClearOpenings(context, OarCaller, context.Message.ObservedAt, JobEndedReason);
        Logger(context).LogInformation(
            "Job {Site}/{JobId} ended; removing its openings at generation {Generation}",
            saga.Site,
            saga.JobId,
            saga.Generation);
        await ApplyNewGenerationAsync(context);

        foreach (var reply in saga.PendingReplies)
        {
            var rejected = new OpeningRequestRejected(reply.RequestId, saga.Site, saga.JobId, JobEndedReason);
            await JobSteps.SendReplyAsync(context, reply, rejected);
        }

        saga.PendingReplies.Clear();
    }

    /// <summary>
    /// Records that a job without a saga ended. The saga is not kept, so the marker is saved here rather than with it.
    /// </summary>
    public static async Task RecordEndWithoutOpeningsAsync(BehaviorContext<OarJobState, OarJobEnded> context)
    {
        JobSteps.MarkEnded(context, context.Message.ObservedAt);
        await context.GetPayload<Marten.IDocumentSession>().SaveChangesAsync(context.CancellationToken);
    }

    public static async Task AwaitRemovalAsync(BehaviorContext<OarJobState, RemoveOpenings> context)
    {
        if (context.Saga.RememberRequest(context.Message.RequestId))
        {
            await JobSteps.AwaitGenerationAsync(context, context.Message.RequestId, []);
        }
    }

    public static Task RejectEndedJobAsync(BehaviorContext<OarJobState, OpeningRequested> context) =>
        JobSteps.ReplyRejectedAsync(
            context,
            context.Message.RequestId,
            $"Job {context.Saga.JobId} on site {context.Saga.Site} ended, so it accepts no new openings.");

    public static Task RejectSiteWithoutFirewallsAsync(BehaviorContext<OarJobState, OpeningRequested> context) =>
        JobSteps.ReplyRejectedAsync(
            context,
            context.Message.RequestId,
            $"Site {context.Saga.Site} has no firewall in the settings: set Sites:{context.Saga.Site}:Firewalls.");

    public static async Task RecordAppliedAsync(BehaviorContext<OarJobState, JobRulesApplied> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        var firewall = saga.FindFirewall(message.Firewall);
        var stale = message.Generation <= firewall?.AppliedGeneration || message.Generation > saga.Generation;
        if (firewall is null || stale)
        {
            return;
        }

        firewall.AppliedGeneration = message.Generation;
        if (firewall.FailedGeneration <= message.Generation)
        {
            firewall.FailureReason = null;
        }

        await JobSteps.AnswerRepliesAsync(context);
        await JobSteps.SyncRetriesAsync(context);

        if (saga.IsRemovedEverywhere)
        {
            await JobSteps.CancelTriggersAsync(context);
            JobSteps.DeleteReadModel(context);
            Logger(context).LogInformation(
                "Job {Site}/{JobId} has no opening left on any firewall; its saga finishes", saga.Site, saga.JobId);
        }
    }

    public static async Task RecordFailedAsync(BehaviorContext<OarJobState, JobRulesFailed> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        var firewall = saga.FindFirewall(message.Firewall);
        var known = message.Generation <= firewall?.AppliedGeneration
            || message.Generation <= firewall?.FailedGeneration;
        if (firewall is null || known)
        {
            return;
        }

        firewall.FailedGeneration = message.Generation;
        firewall.FailureReason = message.Reason;
        Logger(context).LogWarning(
            "Firewall {Firewall} failed to apply job {Site}/{JobId} at generation {Generation}: {Reason}. Retrying",
            firewall.Name, saga.Site, saga.JobId, message.Generation, message.Reason);

        await JobSteps.AnswerRepliesAsync(context);
        await JobSteps.SyncRetriesAsync(context);
    }

    public static async Task RetryFirewallAsync(BehaviorContext<OarJobState, RetryJobRules> context)
    {
        var saga = context.Saga;
        var firewall = saga.FindFirewall(context.Message.Firewall);
        if (firewall is null)
        {
            return;
        }

        if (firewall.AppliedGeneration < saga.Generation)
        {
            Logger(context).LogInformation(
                "Retrying firewall {Firewall} for job {Site}/{JobId} at generation {Generation}",
                firewall.Name, saga.Site, saga.JobId, saga.Generation);
            await JobSteps.SendRulesAsync(context, [firewall.Name]);
        }
        else
        {
            await context.GetServiceOrCreateInstance<JobRetries>().CancelRetryAsync(
                saga.Site, saga.JobId, firewall.Name, context.CancellationToken);
            firewall.RetryScheduled = false;
        }
    }

    public static async Task AnswerExpiredRepliesAsync(BehaviorContext<OarJobState, ReplyDeadlineReached> context)
    {
        context.Saga.ReplyDeadlineScheduledAt = null;
        if (!await JobSteps.AnswerRepliesAsync(context))
        {
            await JobSteps.ScheduleReplyDeadlineAsync(context);
        }
    }

    private static void ClearOpenings(
        BehaviorContext<OarJobState> context, string caller, DateTimeOffset at, string reason)
    {
        var saga = context.Saga;
        var removed = saga.Openings;
        saga.Openings = [];
        saga.Generation++;
        saga.RemovalReason = reason;
        var cleared = new OpeningsCleared(saga.Site, saga.JobId, saga.Generation, caller, at, reason, removed);
        JobSteps.Audit(context, cleared);
    }

    private static async Task ApplyNewGenerationAsync(BehaviorContext<OarJobState> context)
    {
        JobSteps.StoreReadModel(context);
        await JobSteps.SendRulesAsync(context, context.Saga.Firewalls.Select(firewall => firewall.Name));
        await JobSteps.SyncRetriesAsync(context);
    }

    private static ILogger Logger(BehaviorContext<OarJobState> context) =>
        context.GetServiceOrCreateInstance<ILogger<OarJobStateMachine>>();
}
