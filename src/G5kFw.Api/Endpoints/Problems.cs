using G5kFw.Api.Openings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// Builds RFC 9457 problem responses (<c>application/problem+json</c>). Each also carries a <c>message</c> member
/// with the same text as <c>detail</c>, because the g5kfw Python client shows <c>message</c>.
/// </summary>
public static class Problems
{
    // A body with thousands of bad items would otherwise produce a response of the same size.
    private const int MaxListedErrors = 20;

    public static IResult Create(int status, string message, params (string Name, object? Value)[] members)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = message,
        };
        problem.Extensions["message"] = message;
        foreach (var (name, value) in members)
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>A 400 response that lists every error found in the request body.</summary>
    public static IResult InvalidBody(IReadOnlyList<OpeningError> errors)
    {
        var listed = errors.Take(MaxListedErrors).ToList();
        var message = string.Join(' ', listed.Select(e => e.Message));
        if (errors.Count > listed.Count)
        {
            message += $" {errors.Count - listed.Count} more errors are not listed.";
        }

        var items = listed.Select(e => new
        {
            opening = e.Opening,
            field = e.Field,
            value = e.Value,
            message = e.Message,
        });
        return Create(StatusCodes.Status400BadRequest, message, ("errors", items.ToList()));
    }

    /// <summary>A 503 for a request that the message broker did not take, which the client can send again.</summary>
    public static IResult BrokerUnavailable(string request, string site, long jobId) => Create(
        StatusCodes.Status503ServiceUnavailable,
        $"The message broker is unreachable or did not take the request in time, so the {request} may not be " +
            "stored. Send the same request again later: an opening that is already present is not added twice.",
        ("site", site), ("job", jobId));
}
