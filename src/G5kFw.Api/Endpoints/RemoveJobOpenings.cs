using G5kFw.Api.Openings;
using G5kFw.Api.ReadModel;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// DELETE: asks the job saga to remove every opening of the job and answers with the openings it had, 200 when
/// every firewall removed them and 202 while one or more has not yet.
/// </summary>
public static class RemoveJobOpenings
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, string site, string jobId, JobAccess access, IJobOpeningsReader openings,
        SagaGateway saga, TimeProvider time, ILogger<RemoveOpenings> logger, CancellationToken cancellationToken)
    {
        var (context, problem) = await access.CheckAsync(http, site, jobId, cancellationToken);
        if (context is null)
        {
            return problem!;
        }

        var removed = OpeningView.From(await openings.GetOpeningsAsync(site, context.Job.Id, cancellationToken));
        var request = new RemoveOpenings(Guid.NewGuid(), site, context.Job.Id, context.Caller, time.GetUtcNow());
        var reply = await saga.RemoveOpeningsAsync(request, cancellationToken);
        logger.LogInformation("User {Caller} removed the openings of job {JobId} on site {Site}: {Outcome}",
            context.Caller, context.Job.Id, site, Outcome(reply));

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

    private static string Outcome(SagaReply reply) => reply switch
    {
        { Completed.AllApplied: true } => "applied",
        { Completed: not null } => "pending",
        { Rejected: not null } => "rejected",
        _ => "no reply in time",
    };
}
