using G5kFw.Api.Openings;
using G5kFw.Api.ReadModel;

namespace G5kFw.Api.Endpoints;

/// <summary>GET: the job's current openings, an empty array when it has none.</summary>
public static class GetOpenings
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, string site, string jobId, JobAccess access, IJobOpeningsReader openings,
        CancellationToken cancellationToken)
    {
        var (context, problem) = await access.CheckAsync(http, site, jobId, cancellationToken);
        if (context is null)
        {
            return problem!;
        }

        var current = await openings.GetOpeningsAsync(site, context.Job.Id, cancellationToken);
        return TypedResults.Ok(OpeningView.From(current));
    }
}
