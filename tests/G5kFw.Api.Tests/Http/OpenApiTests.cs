using System.Net;
using System.Text.Json;

namespace G5kFw.Api.Tests.Http;

[Collection(ApiServicesDefinition.Name)]
public class OpenApiTests(ApiFixture api)
{
    [Fact]
    public async Task Document_lists_job_routes()
    {
        using var client = api.ClientFor(null);

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var versioned = paths.GetProperty("/{apiVersion}/sites/{site}/firewall/{jobId}");
        Assert.True(paths.TryGetProperty("/sites/{site}/firewall/{jobId}", out _));
        Assert.True(versioned.TryGetProperty("get", out _));
        Assert.True(versioned.TryGetProperty("delete", out _));
        Assert.True(versioned.GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Unknown_route_gets_problem()
    {
        using var client = api.ClientFor("alice");

        var response = await client.GetAsync("/stable/sites/rennes/firewalls");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound,
            "No resource exists at /stable/sites/rennes/firewalls. The firewall routes are " +
            "/{api_version}/sites/{site}/firewall/{job_id} and /sites/{site}/firewall/{job_id}.");
    }

    [Fact]
    public async Task Other_method_gets_405_problem()
    {
        using var client = api.ClientFor("alice");
        var path = ApiFixture.JobPath(api.AliceHostJob);

        var response = await client.PutAsync(path, Json.Body("[]"));

        await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed,
            $"The method PUT is not allowed on {path}. Use GET, POST or DELETE.");
    }
}
