using G5kFw.Api.Dns;
using G5kFw.Api.Oar;
using G5kFw.Api.Openings;
using G5kFw.Api.Settings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// The checks of a POST body after the caller's permission: size (413), syntax and values (400), the job runs
/// (409), limits per request (400), names resolve (400) and every destination is on a host that the job holds
/// exclusively (403). A failed DNS lookup is a 503, because the request may be valid.
/// </summary>
public sealed class OpeningChecks(
    LimitSettings limits, INameResolver resolver, JobHostResolver hostResolver)
{
    public LimitSettings Limits => limits;

    public async Task<(IReadOnlyList<Opening>? Openings, IResult? Problem)> CheckAsync(
        HttpRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var body = await RequestBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than the limit of {limits.MaxBodyBytes} bytes. " +
                "Split the openings into several requests."));
        }

        var (parsed, errors) = OpeningParser.Parse(body.Value);
        if (errors.Count > 0)
        {
            return (null, Problems.InvalidBody(errors));
        }

        if (!job.IsRunning)
        {
            return (null, Problems.Create(StatusCodes.Status409Conflict,
                $"Job {job.Id} on site {context.Site} is {job.State}, not {OarJob.RunningState}. " +
                "Openings can be added only while the job runs.",
                ("site", context.Site), ("job", job.Id), ("state", job.State)));
        }

        var itemCount = parsed.Sum(o => o.Destinations.Count + (o.Sources?.Count ?? 0));
        var portCount = parsed.Sum(o => o.Ports.Count);
        if (OpeningLimits.CheckRequest(parsed.Count, itemCount, portCount, limits) is { } tooLarge)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, tooLarge));
        }

        return await ResolveAndCheckHostsAsync(parsed, context, cancellationToken);
    }

    private async Task<(IReadOnlyList<Opening>?, IResult?)> ResolveAndCheckHostsAsync(
        IReadOnlyList<ParsedOpening> parsed, JobContext context, CancellationToken cancellationToken)
    {
        var names = await NameResolving.ResolveAsync(parsed, resolver, cancellationToken);
        if (names.FailedLookups.Count > 0)
        {
            return (null, DnsUnavailable(names.FailedLookups));
        }

        if (names.Errors.Count > 0)
        {
            return (null, Problems.InvalidBody(names.Errors));
        }

        var openings = OpeningNormalizer.Normalize(parsed, names.Addresses);
        var addressCount = JobLimits.CountAddresses(openings);
        var portCount = JobLimits.CountPorts(openings);
        if (OpeningLimits.CheckRequest(openings.Count, addressCount, portCount, limits) is { } tooLarge)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, tooLarge));
        }

        var (hosts, failedLookup) = await hostResolver.ResolveAsync(context.Site, context.Job, cancellationToken);
        if (failedLookup is not null)
        {
            return (null, DnsUnavailable([failedLookup]));
        }

        if (DestinationCheck.FindRejected(context.Job, openings, hosts) is { } rejected)
        {
            return (null, Problems.Create(StatusCodes.Status403Forbidden, rejected.Message,
                ("site", context.Site), ("job", context.Job.Id), ("address", rejected.Address),
                ("host", rejected.Host)));
        }

        return (openings, null);
    }

    private static IResult DnsUnavailable(IReadOnlyList<string> names) =>
        Problems.Create(StatusCodes.Status503ServiceUnavailable,
            $"The name servers did not answer for {string.Join(", ", names)}. Retry later, and if the failure " +
            "persists, ask the operators to check the Dns:Servers setting.");
}
