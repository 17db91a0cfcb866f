using System.Net.Sockets;
using G5kFw.Infrastructure.Persistence;
using G5kFw.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Serilog;

namespace G5kFw.Infrastructure.Health;

/// <summary>
/// Waits a bounded time at start for PostgreSQL and RabbitMQ, so that a process with a wrong address ends with a
/// message that names it instead of retrying in silence.
/// </summary>
public static class StartupProbe
{
    public static async Task WaitForServicesAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(configuration.GetValue("Startup:TimeoutSeconds", 30));
        var rabbit = configuration.GetRabbitMqSettings();
        var connectionString = configuration.GetPostgresConnectionString();

        await WaitForPostgresAsync(connectionString, timeout, cancellationToken);
        await WaitForTcpAsync("RabbitMQ", rabbit.Host, rabbit.Port, timeout, cancellationToken);
    }

    private static async Task WaitForPostgresAsync(string connectionString, TimeSpan timeout, CancellationToken token)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var address = $"{builder.Host}:{builder.Port}/{builder.Database}";
        await RetryUntilAsync("PostgreSQL", address, timeout, async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
        }, token);
    }

    private static Task WaitForTcpAsync(string service, string host, int port, TimeSpan timeout, CancellationToken token) =>
        RetryUntilAsync(service, $"{host}:{port}", timeout, async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, token);
        }, token);

    private static async Task RetryUntilAsync(
        string service, string address, TimeSpan timeout, Func<Task> attempt, CancellationToken token)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                await attempt();
                Log.Information("{Service} at {Address} is reachable", service, address);
                return;
            }
            catch (Exception exception) when (exception is SocketException or NpgsqlException or TimeoutException)
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new SettingsException(
                        $"{service} at {address} is unreachable after {attempts} attempts in {timeout.TotalSeconds:0} s: " +
                        $"{exception.Message}. Start it or correct its address in the settings.");
                }

                Log.Warning("{Service} at {Address} is unreachable ({Error}); retrying", service, address, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), token);
            }
        }
    }
}
