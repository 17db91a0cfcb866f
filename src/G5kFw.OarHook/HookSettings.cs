using System.Globalization;

namespace G5kFw.OarHook;

/// <summary>
/// The hook's settings, read from environment variables because OAR starts the hook with Almighty's environment
/// and no other configuration. The RabbitMQ variables are the ones every G5kFw process reads.
/// </summary>
public sealed record HookSettings(
    string Site,
    string SpoolDirectory,
    string RabbitHost,
    int RabbitPort,
    string RabbitVirtualHost,
    string RabbitUsername,
    string RabbitPassword,
    TimeSpan Deadline)
{
    /// <summary>
    /// Default time budget of one run, counted from the start of the process. OAR's wrapper kills the hook at 0.9 s,
    /// and the runtime needs a few milliseconds to exit after the deadline.
    /// </summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMilliseconds(700);

    public static HookSettings FromEnvironment()
    {
        var deadline = Environment.GetEnvironmentVariable("OarHook__DeadlineMilliseconds") is { Length: > 0 } text
            ? TimeSpan.FromMilliseconds(ParseInteger("OarHook__DeadlineMilliseconds", text))
            : DefaultDeadline;

        return new HookSettings(
            Required("OarHook__Site"),
            Required("OarHook__SpoolDirectory"),
            Required("RabbitMq__Host"),
            ParseInteger("RabbitMq__Port", Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672"),
            Environment.GetEnvironmentVariable("RabbitMq__VirtualHost") ?? "/",
            Required("RabbitMq__Username"),
            Required("RabbitMq__Password"),
            deadline);
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new HookSettingsException($"Environment variable {variable} is missing. Set it in the hook's env file.");

    private static int ParseInteger(string variable, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new HookSettingsException($"Environment variable {variable} is '{text}'; expected a positive integer.");
}
