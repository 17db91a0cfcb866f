using System.Net;
using System.Net.Sockets;

namespace G5kFw.Oar.Tests;

/// <summary>Runs the published G5kFw.OarHook as OAR's wrapper would, with settings that a test chooses.</summary>
public static class HookProcess
{
    public static Task<ProcessResult> RunAsync(string spoolDirectory, int rabbitPort, params string[] arguments)
    {
        var rabbit = TestSettings.RabbitMq;
        var environment = new Dictionary<string, string?>
        {
            ["OarHook__Site"] = TestSettings.Site,
            ["OarHook__SpoolDirectory"] = spoolDirectory,
            ["RabbitMq__Host"] = rabbit.Host,
            ["RabbitMq__Port"] = rabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq__VirtualHost"] = rabbit.VirtualHost,
            ["RabbitMq__Username"] = rabbit.Username,
            ["RabbitMq__Password"] = rabbit.Password,
        };
        return ProcessRunner.RunAsync(TestSettings.HookCommand, arguments, environment);
    }

    /// <summary>Returns a loopback TCP port on which nothing listens: the kernel picked it and it was closed again.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A job id far above what the local OAR server hands out, so events of tests never meet real jobs.</summary>
    public static long UnusedJobId() => Random.Shared.NextInt64(1_000_000_000, 2_000_000_000);
}
