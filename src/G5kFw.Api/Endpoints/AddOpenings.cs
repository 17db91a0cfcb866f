using G5kFw.Api.Openings;
using G5kFw.Api.ReadModel;
using G5kFw.Contracts.Openings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// POST: validates the openings, checks them against OAR, and sends the job saga a request to add them to the job's
/// current openings. Returns the openings added, with 200 when every firewall applied them and 202 while one or
/// more has not yet. Nothing reaches the bus before every check passed.
/// </summary>
public static class AddOpenings
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, string site, string jobId, JobAccess access, OpeningChecks checks,
        IJobOpeningsReader currentOpenings, SagaGateway saga, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (context, problem) = await access.CheckAsync(http, site, jobId, cancellationToken);
        if (context is null)
        {
            return problem!;
        }

        var (openings, rejection) = await checks.CheckAsync(http.Request, context, cancellationToken);
        if (openings is null)
        {
            return rejection!;
        }

        var current = await currentOpenings.GetOpeningsAsync(site, context.Job.Id, cancellationToken);
        var currentKeys = current.Select(OpeningNormalizer.KeyOf).ToHashSet(StringComparer.Ordinal);
        var added = openings.Where(o => !currentKeys.Contains(OpeningNormalizer.KeyOf(o))).ToList();
        if (OpeningLimits.CheckJob(context.Job.Id, [.. current, .. added], checks.Limits) is { } overLimit)
        {
            return Problems.Create(StatusCodes.Status409Conflict, overLimit, ("site", site), ("job", context.Job.Id));
        }

        var request = new OpeningRequested(
            Guid.NewGuid(), site, context.Job.Id, context.Caller, openings, time.GetUtcNow(),
            OpeningLimits.ForJob(checks.Limits));
        var reply = await saga.RequestOpeningsAsync(request, cancellationToken);
        loggers.CreateLogger(typeof(AddOpenings)).LogInformation(
            "User {Caller} requested {Count} openings for job {JobId} on site {Site}: {Outcome} (request {RequestId})",
            context.Caller, openings.Count, context.Job.Id, site, reply.Outcome, request.RequestId);

        return reply switch
        {
            { BrokerUnavailable: true } => Problems.BrokerUnavailable("opening request", site, context.Job.Id),
            { Rejected: { } rejected } => Problems.Create(StatusCodes.Status409Conflict,
                $"The openings of job {context.Job.Id} were not added: {rejected.Reason}",
                ("site", site), ("job", context.Job.Id)),
            { Completed: { AllApplied: true } completed } => TypedResults.Ok(OpeningView.From(completed.Added)),
            { Completed: { } completed } => Accepted(OpeningView.From(completed.Added)),
            _ => Accepted(OpeningView.From(added)),
        };
    }

    private static JsonHttpResult<IReadOnlyList<OpeningView>> Accepted(IReadOnlyList<OpeningView> openings) =>
        TypedResults.Json(openings, statusCode: StatusCodes.Status202Accepted);
}
