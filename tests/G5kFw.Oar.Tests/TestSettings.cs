using G5kFw.Infrastructure.Settings;
using G5kFw.Oar;
using Microsoft.Extensions.Configuration;

namespace G5kFw.Oar.Tests;

/// <summary>
/// The running local services, from the environment that <c>eval "$(scripts/services/env)"</c> sets up; OAR and
/// RabbitMQ are started by <c>scripts/services/oar.sh start</c> and <c>scripts/services/rabbitmq.sh start</c>.
/// </summary>
public static class TestSettings
{
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static string Site => Required("G5KFW_SITE");

    public static string RunFolder => Required("G5KFW_RUN");

    public static RabbitMqSettings RabbitMq => Configuration.GetRabbitMqSettings();

    public static OarSettings Oar => Configuration.GetOarSettings();

    public static string HookCommand =>
        Environment.GetEnvironmentVariable("G5KFW_OAR_HOOK") is { Length: > 0 } hook
            ? hook
            : Path.Combine(RunFolder, "oar", "hook", "G5kFw.OarHook");

    public static string HookEnvFile => Path.Combine(RunFolder, "oar", "hooks", "hook.env");

    public static string HookLog => Path.Combine(RunFolder, "oar", "hooks", "hook.log");

    public static string OarSpool => Path.Combine(RunFolder, "oar", "hook-spool");

    private static string Required(string variable) =>
        Configuration[variable] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {variable} is missing. Run eval \"$(scripts/services/env)\" before the tests.");
}
