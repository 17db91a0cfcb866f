using G5kFw.Oar;
using Microsoft.Extensions.Configuration;

namespace G5kFw.EndToEnd.Tests;

/// <summary>
/// The shared local services, from the environment that <c>eval "$(scripts/services/env)"</c> sets up: OAR's
/// read-only database account, the DNS server and the run folder that contains the OAR hook's settings.
/// </summary>
public static class EndToEndSettings
{
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static string Site => Required("G5KFW_SITE");

    public static OarSettings Oar => Configuration.GetOarSettings();

    public static string OarConnectionString => Required($"Sites:{Site}:Oar:ConnectionString");

    public static string DnsServer => Required("Dns:Servers:0");

    public static string HostIpv6NamePattern => 
        Configuration[$"Sites:{Site}:HostIpv6NamePattern"] ?? "{short}-ipv6.{domain}";

    public static int RabbitMqManagementPort => int.Parse(Required("RabbitMq:ManagementPort"),
        System.Globalization.CultureInfo.InvariantCulture);

    public static string HookEnvFile => Path.Combine(Required("G5KFW_RUN"), "oar", "hooks", "hook.env");

    public static string HookSpool => Path.Combine(Required("G5KFW_RUN"), "oar", "hook-spool");

    public static string HookLog => Path.Combine(Required("G5KFW_RUN"), "oar", "hooks", "hook.log");

    private static string Required(string key) =>
        Configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Setting {key} is missing from the environment. Run eval \"$(scripts/services/env)\" before the tests.");
}
