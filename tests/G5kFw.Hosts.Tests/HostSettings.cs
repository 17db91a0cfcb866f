using G5kFw.Testing;

namespace G5kFw.Hosts.Tests;

/// <summary>
/// Settings that point a host process at this test class's database and virtual host, and at the local site's OAR
/// database from the <c>Sites__*</c> variables that scripts/services/env exports.
/// </summary>
internal static class HostSettings
{
    public static List<KeyValuePair<string, string?>> For(string postgres, RabbitMqVirtualHost rabbit, int httpPort) =>
    [
        new("ConnectionStrings:Postgres", postgres),
        .. rabbit.ToSettings(),
        new("Urls", $"http://127.0.0.1:{httpPort}"),
        new("Startup:TimeoutSeconds", "2"),
        .. SiteSettings(),
    ];

    private static IEnumerable<KeyValuePair<string, string?>> SiteSettings() =>
        Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Select(variable => (Key: (string)variable.Key, Value: (string?)variable.Value))
            .Where(variable => variable.Key.StartsWith("Sites__", StringComparison.Ordinal))
            .Select(variable => new KeyValuePair<string, string?>(variable.Key, variable.Value));

    public static List<KeyValuePair<string, string?>> Replace(
        List<KeyValuePair<string, string?>> settings, string key, string? value) =>
        [.. settings.Where(setting => setting.Key != key), new(key, value)];
}
