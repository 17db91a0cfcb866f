using System.Diagnostics;
using System.Net;
using G5kFw.Testing;

namespace G5kFw.Api.Tests.Http;

/// <summary>
/// An API whose RabbitMQ virtual host disappears, so that its bus cannot reach the broker any more. Changes get a
/// 503 within the reply wait and its grace, and reads still work.
/// </summary>
[Collection(ApiServicesDefinition.Name)]
public sealed class BrokerOutageTests(ApiFixture api)
{
    private static string NotTaken(string request) =>
        "The message broker is unreachable or did not take the request in time, so the " +
        $"{request} may not be stored. Send the same request again later: an opening that is already present is " +
        "not added twice.";

    [Fact]
    public async Task Changes_get_503_without_broker()
    {
        var rabbit = await RabbitMqServer.CreateVirtualHostAsync("outage");
        await using var factory = ApiFactory.Create(rabbit, api.ConnectionString);
        using var client = api.ClientFor("alice", factory);
        var host = await ApiFixture.FirstHostAsync(api.AliceHostJob);
        var path = ApiFixture.JobPath(api.AliceHostJob);

        await RabbitMqServer.DeleteVirtualHostAsync(rabbit);
        var stopwatch = Stopwatch.StartNew();
        var post = await client.PostAsync(path, Json.Body($$"""[{"addr": "{{host.Address}}", "port": 9}]"""));
        var delete = await client.DeleteAsync(path);
        stopwatch.Stop();

        await Problem.AssertAsync(post, HttpStatusCode.ServiceUnavailable, NotTaken("opening request"));
        await Problem.AssertAsync(delete, HttpStatusCode.ServiceUnavailable, NotTaken("removal request"));

        // Each waits at most the reply wait of 3 s and the grace of 5 s.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"POST and DELETE took {stopwatch.Elapsed}.");
        await Json.AssertAsync(await client.GetAsync(path), HttpStatusCode.OK);
    }
}
