using G5kFw.Testing;

namespace G5kFw.Hosts.Tests;

/// <summary>A host whose settings are wrong stops within a bounded wait and names what is wrong.</summary>
public sealed class StartupFailureTests() : IsolatedServices("hosts")
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("G5kFw.Api")]
    [InlineData("G5kFw.Worker")]
    public async Task Unreachable_broker_ends_host_naming_address(string project)
    {
        var settings = HostSettings.Replace(HostSettings.For(Postgres, Rabbit, FreePort.Next()), "RabbitMq:Port", "1");
        await using var host = HostProcess.Start(project, settings);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains($"RabbitMQ at {Rabbit.Host}:1 is unreachable", host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G5kFw.Api")]
    [InlineData("G5kFw.Worker")]
    public async Task Unreachable_database_ends_host_naming_address(string project)
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Port = 1 }.ConnectionString;
        var settings = HostSettings.Replace(
            HostSettings.For(Postgres, Rabbit, FreePort.Next()), "ConnectionStrings:Postgres", unreachable);
        await using var host = HostProcess.Start(project, settings);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("PostgreSQL at 127.0.0.1:1/", host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G5kFw.Api", "RabbitMq:Host")]
    [InlineData("G5kFw.Worker", "RabbitMq:Password")]
    [InlineData("G5kFw.Worker", "ConnectionStrings:Postgres")]
    public async Task Missing_setting_ends_host_naming_it(string project, string key)
    {
        var settings = HostSettings.Replace(HostSettings.For(Postgres, Rabbit, FreePort.Next()), key, null);
        await using var host = HostProcess.Start(project, settings);

        var exitCode = await host.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Setting '{key}' is missing", host.Output, StringComparison.Ordinal);
    }
}
