using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>The job saga's reply to a request, or neither reply when it did not arrive in time.</summary>
public sealed record SagaReply(OpeningRequestCompleted? Completed, OpeningRequestRejected? Rejected)
{
    public static readonly SagaReply TimedOut = new(null, null);

    /// <summary>The outcome in a word or three, for the log.</summary>
    public string Outcome => this switch
    {
        { Completed.AllApplied: true } => "applied",
        { Completed: not null } => "pending on some firewalls",
        { Rejected: not null } => "rejected",
        _ => "no reply in time",
    };
}
