using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Oar;
using G5kFw.Contracts.Openings;
using MassTransit;

namespace G5kFw.Sagas.Jobs;

/// <summary>
/// Coordinates one OAR job on one site: keeps its desired openings, sends them to every firewall of the site,
/// replies to requests once the firewalls applied them, retries firewalls that are behind, and removes everything
/// when the job ends.
/// </summary>
public sealed class OarJobStateMachine : MassTransitStateMachine<OarJobState>
{
    public OarJobStateMachine()
    {
        InstanceState(saga => saga.CurrentState);

        Event(() => OpeningsRequested, e => e.CorrelateById(c => JobSagaId.For(c.Message.Site, c.Message.JobId)));
        Event(() => RemovalRequested, e => e.CorrelateById(c => JobSagaId.For(c.Message.Site, c.Message.JobId)));
        Event(() => JobEnded, e => e.CorrelateById(c => JobSagaId.For(c.Message.Site, c.Message.JobId)));

        // These messages can arrive after the saga finished, for instance a late acknowledgement: they are dropped.
        Event(() => RulesApplied, e => Discarding(e, c => JobSagaId.For(c.Message.Site, c.Message.JobId)));
        Event(() => RulesFailed, e => Discarding(e, c => JobSagaId.For(c.Message.Site, c.Message.JobId)));
        Event(() => RetryDue, e => Discarding(e, c => JobSagaId.For(c.Message.Site, c.Message.JobId)));
        Event(() => ReplyDeadline, e => Discarding(e, c => JobSagaId.For(c.Message.Site, c.Message.JobId)));

        Initially(
            When(OpeningsRequested)
                .Then(context => JobSteps.Initialize(context, context.Message.Site, context.Message.JobId))
                .IfElseAsync(JobSteps.HasEndedAsync,
                    ended => ended.ThenAsync(JobHandlers.RejectEndedJobAsync).Finalize(),
                    running => running.IfElse(context => context.Saga.Firewalls.Count == 0,
                        unknown => unknown.ThenAsync(JobHandlers.RejectSiteWithoutFirewallsAsync).Finalize(),
                        accepted => accepted.ThenAsync(JobHandlers.AddOpeningsAsync).TransitionTo(Active))),
            When(JobEnded)
                .Then(context => JobSteps.Initialize(context, context.Message.Site, context.Message.JobId))
                .ThenAsync(JobHandlers.RecordEndWithoutOpeningsAsync)
                .Finalize(),
            When(RemovalRequested)
                .Then(context => JobSteps.Initialize(context, context.Message.Site, context.Message.JobId))
                .Respond(context => new OpeningRequestCompleted(
                    context.Message.RequestId, context.Message.Site, context.Message.JobId, 0, true, [], []))
                .Finalize());

        During(Active,
            When(OpeningsRequested).ThenAsync(JobHandlers.AddOpeningsAsync),
            When(RemovalRequested).ThenAsync(JobHandlers.RemoveOpeningsAsync),
            When(JobEnded).ThenAsync(JobHandlers.EndJobAsync).TransitionTo(Ending));

        During(Ending,
            When(OpeningsRequested).ThenAsync(JobHandlers.RejectEndedJobAsync),
            When(RemovalRequested).ThenAsync(JobHandlers.AwaitRemovalAsync),
            Ignore(JobEnded));

        DuringAny(
            When(RulesApplied)
                .ThenAsync(JobHandlers.RecordAppliedAsync)
                .If(context => context.Saga.IsRemovedEverywhere, finished => finished.Finalize()),
            When(RulesFailed).ThenAsync(JobHandlers.RecordFailedAsync),
            When(RetryDue).ThenAsync(JobHandlers.RetryFirewallAsync),
            When(ReplyDeadline).ThenAsync(JobHandlers.AnswerExpiredRepliesAsync));

        SetCompletedWhenFinalized();
    }

    /// <summary>The job has openings, or may receive some.</summary>
    public State Active { get; private set; } = null!;

    /// <summary>OAR reported the job ended; the saga waits until every firewall removed its openings.</summary>
    public State Ending { get; private set; } = null!;

    public Event<OpeningRequested> OpeningsRequested { get; private set; } = null!;

    public Event<RemoveOpenings> RemovalRequested { get; private set; } = null!;

    public Event<OarJobEnded> JobEnded { get; private set; } = null!;

    public Event<JobRulesApplied> RulesApplied { get; private set; } = null!;

    public Event<JobRulesFailed> RulesFailed { get; private set; } = null!;

    public Event<RetryJobRules> RetryDue { get; private set; } = null!;

    public Event<ReplyDeadlineReached> ReplyDeadline { get; private set; } = null!;

    private static void Discarding<T>(
        IEventCorrelationConfigurator<OarJobState, T> correlation, Func<ConsumeContext<T>, Guid> correlationId)
        where T : class
    {
        correlation.CorrelateById(correlationId);
        correlation.OnMissingInstance(missing => missing.Discard());
    }
}
