using System.Net;
using G5kFw.Testing;

namespace G5kFw.Hosts.Tests;

/// <summary>The API logs each rejected request with its route, caller, status and message.</summary>
public sealed class RejectionLogTests() : IsolatedServices("rejections")
{
    [Fact]
    public async Task Rejected_request_is_logged()
    {
        var port = FreePort.Next();
        await using var host = HostProcess.Start("G5kFw.Api", HostSettings.For(Postgres, Rabbit, port));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var ready = await Eventually.HoldsAsync(
            async () => !host.HasExited && await HttpStatus.OfAsync(client, "/health/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));
        Assert.True(ready, $"G5kFw.Api did not report ready. Output:\n{host.Output}");

        Assert.Equal(HttpStatusCode.Unauthorized, await HttpStatus.OfAsync(client, "/stable/sites/rennes/firewall/12"));

        const string Route = "Rejected GET /stable/sites/rennes/firewall/12 from 127.0.0.1 as user";
        var logged = await Eventually.HoldsAsync(
            () => host.Output.Contains(Route, StringComparison.Ordinal)
                && host.Output.Contains("with 401: No user is authenticated.", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.True(logged, $"The API did not log the rejected request. Output:\n{host.Output}");
    }
}
