using System.Text.RegularExpressions;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests.Oar;

/// <summary>
/// Points the shared OAR server's hook at a test's own RabbitMQ virtual host, or at a closed port, by appending
/// lines to the hook's settings file. The hook's wrapper sources that file, so a later line wins. Disposing
/// restores the file as it was.
/// </summary>
public sealed partial class OarHookRoute : IAsyncDisposable
{
    private readonly string _original;
    private readonly string _routed;

    private OarHookRoute(string original, string virtualHost)
    {
        _original = original;
        _routed = $"{original}RabbitMq__VirtualHost={virtualHost}\n";
    }

    public static async Task<OarHookRoute> ToVirtualHostAsync(string virtualHost)
    {
        // A test run killed before it restored the file left its lines at the end, from its virtual host line on,
        // and they would send every later hook event to a deleted virtual host.
        var lines = await File.ReadAllLinesAsync(EndToEndSettings.HookEnvFile);
        var original = string.Concat(lines.TakeWhile(line => !LeftRoute().IsMatch(line)).Select(line => line + "\n"));
        var route = new OarHookRoute(original, virtualHost);
        await route.RestoreAsync();
        return route;
    }

    /// <summary>Makes the hook's publishes fail, as if RabbitMQ were down, until <see cref="RestoreAsync"/>.</summary>
    public Task BreakAsync(int closedPort) =>
        File.WriteAllTextAsync(EndToEndSettings.HookEnvFile, $"{_routed}RabbitMq__Port={closedPort}\n");

    /// <summary>
    /// Waits until the hook logged its failed publish of the job's end, then deletes the job's events from the
    /// hook's spool, so that no later hook run publishes them and the events are lost for good.
    /// </summary>
    public static async Task LoseJobEventsAsync(long jobId, int closedPort)
    {
        var failure = $"job {jobId} ended: publishing to RabbitMQ at 127.0.0.1:{closedPort} failed";
        Assert.True(
            await Eventually.HoldsAsync(
                async () => (await File.ReadAllTextAsync(EndToEndSettings.HookLog)).Contains(failure, StringComparison.Ordinal),
                TimeSpan.FromSeconds(10)),
            $"{EndToEndSettings.HookLog} has no line '{failure}'.");

        var jobIdMember = new Regex($"\"jobId\"\\s*:\\s*{jobId}\\b");
        foreach (var path in Directory.GetFiles(EndToEndSettings.HookSpool, "*.json"))
        {
            if (jobIdMember.IsMatch(await File.ReadAllTextAsync(path)))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Sends the hook's events to the test's virtual host.</summary>
    public Task RestoreAsync() => File.WriteAllTextAsync(EndToEndSettings.HookEnvFile, _routed);

    public async ValueTask DisposeAsync() => await File.WriteAllTextAsync(EndToEndSettings.HookEnvFile, _original);

    [GeneratedRegex("^RabbitMq__VirtualHost=e2e-[0-9a-f]{32}$")]
    private static partial Regex LeftRoute();
}
