using System.Net;
using System.Text.Json;
using G5kFw.Testing;

namespace G5kFw.Hosts.Tests;

/// <summary>Each host, started against the real services, reports itself live and ready and stops on SIGTERM.</summary>
public sealed class HealthEndpointTests() : IsolatedServices("hosts")
{
    [Theory]
    [InlineData("G5kFw.Api")]
    [InlineData("G5kFw.Worker")]
    public async Task Host_is_ready_then_stops_cleanly(string project)
    {
        var port = FreePort.Next();
        await using var host = HostProcess.Start(project, HostSettings.For(Postgres, Rabbit, port));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var ready = await Eventually.HoldsAsync(
            async () => !host.HasExited && await HttpStatus.OfAsync(client, "/health/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));

        Assert.True(ready, $"{project} did not report ready. Output:\n{host.Output}");
        using var report = JsonDocument.Parse(await client.GetStringAsync("/health/ready"));
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await HttpStatus.OfAsync(client, "/health/live"));
        await host.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, host.ExitCode);
        Assert.Contains($"{project} stopped", host.Output, StringComparison.Ordinal);
    }
}
