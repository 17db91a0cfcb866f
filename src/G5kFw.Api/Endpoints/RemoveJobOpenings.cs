using G5kFw.Api.Openings;
using G5kFw.Api.ReadModel;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// DELETE: sends the job saga a request to remove every opening of the job and returns the openings it had, with
/// 200 when every firewall removed them and 202 while one or more has not yet.
/// </summary>
public static class RemoveJobOpenings
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, string site, string jobId, JobAccess access, IJobOpeningsReader openings,
        SagaGateway saga, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (context, problem) = await access.CheckAsync(http, site, jobId, cancellationToken);
        if (context is null)
        {
            return problem!;
        }

        var removed = OpeningView.From(await openings.GetOpeningsAsync(site, context.Job.Id, cancellationToken));
        var request = new RemoveOpenings(Guid.NewGuid(), site, context.Job.Id, context.Caller, time.GetUtcNow());
        var reply = await saga.RemoveOpeningsAsync(request, cancellationToken);
        loggers.CreateLogger(typeof(RemoveJobOpenings)).LogInformation(
            "User {Caller} requested the removal of every opening of job {JobId} on site {Site}: {Outcome} " +
            "(request {RequestId})",
            context.Caller, context.Job.Id, site, reply.Outcome, request.RequestId);

        if (reply.BrokerUnavailable)
        {
            return Problems.BrokerUnavailable("removal request", site, context.Job.Id);
        }

        if (reply.Rejected is { } rejected)
        {
            return Problems.Create(StatusCodes.Status409Conflict,
                $"The openings of job {context.Job.Id} were not removed: {rejected.Reason}",
                ("site", site), ("job", context.Job.Id));
        }

        return reply.Completed is { AllApplied: true }
            ? TypedResults.Ok(removed)
            : TypedResults.Json(removed, statusCode: StatusCodes.Status202Accepted);
    }
}
