using System.Globalization;
using G5kFw.Api.Identity;
using G5kFw.Api.Oar;
using G5kFw.Api.Settings;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// Runs the checks that every route shares, in this order: the caller is authenticated (401), the site is served
/// and the job exists in its OAR (404), and the caller owns the job or is an administrator (403).
/// </summary>
public sealed class JobAccess(
    CallerIdentity identity, IReadOnlyDictionary<string, SiteSettings> sites, IOarJobReader oar)
{
    public async Task<(JobContext? Context, IResult? Problem)> CheckAsync(
        HttpContext http, string site, string jobIdText, CancellationToken cancellationToken)
    {
        var headers = http.Request.Headers[CallerIdentity.HeaderName];
        var remoteAddress = http.Connection.RemoteIpAddress;
        if (headers.Count > 1 && remoteAddress is not null && identity.IsTrustedProxy(remoteAddress))
        {
            // Joined, two values would make one login such as "alice,bob".
            return (null, Problems.Create(StatusCodes.Status400BadRequest,
                $"The {CallerIdentity.HeaderName} header appears {headers.Count} times. The API gateway must send " +
                "it once, with the login of the authenticated user."));
        }

        var caller = identity.FindCaller(remoteAddress, headers.ToString());
        if (caller is null)
        {
            return (null, Problems.Create(StatusCodes.Status401Unauthorized,
                "No user is authenticated. Call the API through the testbed's API gateway, which authenticates " +
                $"users and passes the login in the {CallerIdentity.HeaderName} header."));
        }

        if (!sites.ContainsKey(site))
        {
            return (null, Problems.Create(StatusCodes.Status404NotFound,
                $"Site {site} is not served by this API. The sites are: {string.Join(", ", sites.Keys.Order())}.",
                ("site", site)));
        }

        if (!long.TryParse(jobIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId) || jobId <= 0)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest,
                $"The job id \"{jobIdText}\" is not an OAR job id. Give the positive integer that oarsub printed.",
                ("site", site), ("job", jobIdText)));
        }

        var job = await oar.FindJobAsync(site, jobId, cancellationToken);
        if (job is null)
        {
            return (null, Problems.Create(StatusCodes.Status404NotFound,
                $"Job {jobId} does not exist on site {site}. Check the job id and the site.",
                ("site", site), ("job", jobId)));
        }

        if (!string.Equals(job.Owner, caller, StringComparison.OrdinalIgnoreCase) && !identity.IsAdministrator(caller))
        {
            return (null, Problems.Create(StatusCodes.Status403Forbidden,
                $"User {CallerIdentity.Shorten(caller)} may not read or change the openings of job {jobId} on site " +
                $"{site}, which belongs to {job.Owner}. Only the job's owner and the administrators may.",
                ("site", site), ("job", jobId)));
        }

        return (new JobContext(site, caller, job), null);
    }
}
