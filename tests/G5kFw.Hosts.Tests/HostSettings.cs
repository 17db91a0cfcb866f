using G5kFw.Testing;

namespace G5kFw.Hosts.Tests;

/// <summary>Settings that point a host process at this test class's database and virtual host.</summary>
internal static class HostSettings
{
    public static List<KeyValuePair<string, string?>> For(string postgres, RabbitMqVirtualHost rabbit, int httpPort) =>
    [
        new("ConnectionStrings:Postgres", postgres),
        .. rabbit.ToSettings(),
        new("Urls", $"http://127.0.0.1:{httpPort}"),
        new("Startup:TimeoutSeconds", "2"),
    ];

    public static List<KeyValuePair<string, string?>> Replace(
        List<KeyValuePair<string, string?>> settings, string key, string? value) =>
        [.. settings.Where(setting => setting.Key != key), new(key, value)];
}
