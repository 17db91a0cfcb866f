using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>The job saga's reply to a request, or neither reply when it did not arrive in time.</summary>
public sealed record SagaReply(OpeningRequestCompleted? Completed, OpeningRequestRejected? Rejected)
{
    public static readonly SagaReply TimedOut = new(null, null);

    /// <summary>The message broker was unreachable or did not take the request in time.</summary>
    public static readonly SagaReply NotSent = new(null, null) { BrokerUnavailable = true };

    /// <summary>Whether the request may not have reached the broker, so the client should send it again.</summary>
    public bool BrokerUnavailable { get; init; }

    /// <summary>The outcome in a word or three, for the log.</summary>
    public string Outcome => this switch
    {
        { Completed.AllApplied: true } => "applied",
        { Completed: not null } => "pending on some firewalls",
        { Rejected: not null } => "rejected",
        { BrokerUnavailable: true } => "not taken by the message broker",
        _ => "no reply in time",
    };
}
