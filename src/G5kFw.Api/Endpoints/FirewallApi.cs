using G5kFw.Api.Openings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace G5kFw.Api.Endpoints;

public static class FirewallApi
{
    /// <summary>
    /// Maps GET, HEAD, POST and DELETE on <c>/{api_version}/sites/{site}/firewall/{job_id}</c>, and on the same path
    /// without the version, because the testbed's API gateway strips the version before it forwards a request.
    /// Any version is accepted.
    /// </summary>
    public static IEndpointRouteBuilder MapFirewallApi(this IEndpointRouteBuilder endpoints)
    {
        MapJobRoutes(endpoints.MapGroup("/{apiVersion}/sites/{site}/firewall/{jobId}"), "Versioned");
        MapJobRoutes(endpoints.MapGroup("/sites/{site}/firewall/{jobId}"), "");
        return endpoints;
    }

    private static void MapJobRoutes(RouteGroupBuilder job, string namePrefix)
    {
        job.AddEndpointFilter(RejectionLogging.LogProblemsAsync);
        job.WithTags("Firewall")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        job.MapGet("", GetOpenings.HandleAsync)
            .WithName($"{namePrefix}GetOpenings")
            .WithSummary("Lists the job's openings")
            .Produces<IReadOnlyList<OpeningView>>();

        // HEAD runs the checks of GET, and Kestrel sends the headers without the body.
        job.MapMethods("", [HttpMethods.Head], GetOpenings.HandleAsync).ExcludeFromDescription();

        job.MapPost("", AddOpenings.HandleAsync)
            .WithName($"{namePrefix}AddOpenings")
            .WithSummary("Adds openings to the job's openings")
            .WithDescription("The body is a JSON array of openings, read as JSON whatever the content type says. " +
                "200: every firewall applied them; 202: one or more has not yet and the service keeps retrying.")
            .AddOpenApiOperationTransformer(DescribeOpeningsBodyAsync)
            .Produces<IReadOnlyList<OpeningView>>()
            .Produces<IReadOnlyList<OpeningView>>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        job.MapDelete("", RemoveJobOpenings.HandleAsync)
            .WithName($"{namePrefix}RemoveOpenings")
            .WithSummary("Removes every opening of the job")
            .Produces<IReadOnlyList<OpeningView>>()
            .Produces<IReadOnlyList<OpeningView>>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    // Accepts<T>() would also make routing reject every content type but application/json with 415, while
    // clients such as curl -d send the JSON body as a form. So the body is described in the document only.
    private static async Task DescribeOpeningsBodyAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(IReadOnlyList<OpeningView>), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A JSON array of openings. addr and src_addr take a string of space-separated items or " +
                "an array of strings; port takes an integer, a string of ports and ranges a..b, or an array of both.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
