using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>The job saga's reply to a request, or neither reply when it did not arrive in time.</summary>
public sealed record SagaReply(OpeningRequestCompleted? Completed, OpeningRequestRejected? Rejected)
{
    public static readonly SagaReply TimedOut = new(null, null);
}
