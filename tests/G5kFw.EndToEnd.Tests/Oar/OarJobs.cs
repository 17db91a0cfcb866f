using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using G5kFw.EndToEnd.Tests.Site;
using G5kFw.Oar;
using G5kFw.Testing;

namespace G5kFw.EndToEnd.Tests.Oar;

/// <summary>
/// Submits noop jobs to the shared OAR server as its users, and deletes every job it submitted when disposed, so
/// that a failed test leaves the hosts free for the next one.
/// </summary>
public sealed partial class OarJobs : IAsyncDisposable
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);
    private readonly List<(string User, long JobId)> _submitted = [];

    public OarJobReader Reader { get; } = new(EndToEndSettings.Oar);

    /// <summary>Submits a noop job with the given oarsub options and waits until OAR runs it.</summary>
    public async Task<OarJob> SubmitRunningAsync(string user, string options)
    {
        var (exitCode, output) = await Shell.RunAsync("su", "-", user, "-c", $"oarsub -t noop {options} true");
        var match = JobIdPattern().Match(output);
        Assert.True(exitCode == 0, $"oarsub {options} as {user} failed with exit code {exitCode}: {output}");
        Assert.True(match.Success, $"oarsub {options} as {user} printed no OAR_JOB_ID: {output}");
        var jobId = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        _submitted.Add((user, jobId));
        return await WaitForStateAsync(jobId, "Running");
    }

    public static async Task DeleteAsync(string user, long jobId)
    {
        var (exitCode, output) = await Shell.RunAsync("su", "-", user, "-c", $"oardel {jobId}");
        Assert.True(exitCode == 0, $"oardel {jobId} as {user} failed with exit code {exitCode}: {output}");
    }

    public async Task<OarJob> WaitForStateAsync(long jobId, string state)
    {
        OarJob? job = null;
        var reached = await Eventually.HoldsAsync(
            async () =>
            {
                job = await Reader.GetJobAsync(EndToEndSettings.Site, jobId, CancellationToken.None);
                return job?.State == state;
            },
            StateTimeout,
            TimeSpan.FromMilliseconds(200));
        Assert.True(reached, $"OAR job {jobId} did not reach state {state} within {StateTimeout}; it is {job?.State}.");
        return job!;
    }

    /// <summary>Returns the node number N of a job's only host, node-N.rennes.example.org.</summary>
    public static int NodeNumber(OarJob job)
    {
        var host = Assert.Single(job.Hosts);
        var match = NodeNumberPattern().Match(host);
        Assert.True(match.Success, $"OAR host {host} is not named node-N.");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static IPAddress NodeAddress(OarJob job) => SiteNetwork.NodeAddress(NodeNumber(job));

    /// <summary>Returns the IPv6 name of a job's only host, which the local DNS server resolves.</summary>
    public static string NodeIpv6Name(OarJob job) =>
        $"node-{NodeNumber(job)}-ipv6.{Assert.Single(job.Hosts).Split('.', 2)[1]}";

    /// <summary>
    /// Runs OAR's server prologue or epilogue wrapper for the job again, as user oar like OAR does, so that the hook
    /// publishes a duplicate of the job's start or end event.
    /// </summary>
    public static async Task RunServerHookAsync(string hook, long jobId)
    {
        var path = Path.Combine(Path.GetDirectoryName(EndToEndSettings.HookEnvFile)!, hook);
        var (exitCode, output) = await Shell.RunAsync(
            "runuser", "-u", "oar", "--", path, jobId.ToString(CultureInfo.InvariantCulture));
        Assert.True(exitCode == 0, $"{path} {jobId} failed with exit code {exitCode}: {output}");
    }

    public static async Task<IReadOnlyList<string>> ReadQueueStatesAsync()
    {
        var (exitCode, output) = await Shell.RunAsync("oarnotify", "-l");
        Assert.True(exitCode == 0, $"oarnotify -l failed with exit code {exitCode}: {output}");
        return QueueStatePattern().Matches(output).Select(match => match.Groups[1].Value).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (user, jobId) in _submitted)
        {
            var job = await Reader.GetJobAsync(EndToEndSettings.Site, jobId, CancellationToken.None);
            if (job is not null && job.State is not ("Terminated" or "Error"))
            {
                await Shell.RunAsync("su", "-", user, "-c", $"oardel {jobId}");
                await Eventually.HoldsAsync(
                    async () => (await Reader.GetJobAsync(EndToEndSettings.Site, jobId, CancellationToken.None))?.State
                        is "Terminated" or "Error",
                    StateTimeout);
            }
        }

        await Reader.DisposeAsync();
    }

    [GeneratedRegex(@"^OAR_JOB_ID=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"^node-(\d+)\.")]
    private static partial Regex NodeNumberPattern();

    [GeneratedRegex(@"state = (\w+)")]
    private static partial Regex QueueStatePattern();
}
