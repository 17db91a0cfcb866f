using G5kFw.Api.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// Logs every problem response of the firewall routes with the caller, the route and the message, so that
/// operators can see why a user's request was rejected without asking for the response.
/// </summary>
public static class RejectionLogging
{
    public static async ValueTask<object?> LogProblemsAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is ProblemHttpResult { ProblemDetails: var problem })
        {
            var http = context.HttpContext;
            var caller = CallerIdentity.Shorten(http.Request.Headers[CallerIdentity.HeaderName].ToString());

            http.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(RejectionLogging))
                .LogInformation(
                    "Rejected {Method} {Path} from {RemoteAddress} as user {Caller} with {StatusCode}: {Message}",
                    http.Request.Method, http.Request.Path.ToString(), http.Connection.RemoteIpAddress?.ToString(),
                    caller, problem.Status, problem.Detail);
        }

        return result;
    }
}
