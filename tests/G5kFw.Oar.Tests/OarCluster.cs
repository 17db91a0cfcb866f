using System.Globalization;
using System.Text.RegularExpressions;

namespace G5kFw.Oar.Tests;

/// <summary>
/// Submits and deletes jobs on the local OAR server as its users, and deletes every job it submitted when disposed.
/// </summary>
public sealed partial class OarCluster : IAsyncDisposable
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(30);
    private readonly List<(string User, long JobId)> _submitted = [];

    public OarJobReader Reader { get; } = new(TestSettings.Oar);

    /// <summary>Submits a noop job with the given oarsub options as the user and returns its id.</summary>
    public async Task<long> SubmitAsync(string user, string options)
    {
        var result = await ProcessRunner.RunAsync("su", ["-", user, "-c", $"oarsub -t noop {options} true"]);
        var match = JobIdPattern().Match(result.Output);
        Assert.True(result.ExitCode == 0,
            $"oarsub {options} as {user} failed with exit code {result.ExitCode}: {result.Output} {result.Error}");
        Assert.True(match.Success, $"oarsub {options} as {user} printed no OAR_JOB_ID: {result.Output}");
        var jobId = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        _submitted.Add((user, jobId));
        return jobId;
    }

    public async Task<OarJob> SubmitRunningAsync(string user, string options)
    {
        var jobId = await SubmitAsync(user, options);
        return await WaitForStateAsync(jobId, "Running");
    }

    public static async Task DeleteAsync(string user, long jobId)
    {
        var result = await ProcessRunner.RunAsync("su", ["-", user, "-c", $"oardel {jobId}"]);
        Assert.True(result.ExitCode == 0, $"oardel {jobId} as {user} failed: {result.Output} {result.Error}");
    }

    public async Task<OarJob> WaitForStateAsync(long jobId, string state)
    {
        var job = await Eventually.WaitForAsync(
            () => Reader.GetJobAsync(TestSettings.Site, jobId, CancellationToken.None),
            job => job?.State == state,
            StateTimeout,
            $"OAR job {jobId} to reach state {state}");
        return job!;
    }

    public static async Task<IReadOnlyList<string>> ReadQueueStatesAsync()
    {
        var result = await ProcessRunner.RunAsync("oarnotify", ["-l"]);
        Assert.Equal(0, result.ExitCode);
        return QueueStatePattern().Matches(result.Output).Select(match => match.Groups[1].Value).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (user, jobId) in _submitted)
        {
            var job = await Reader.GetJobAsync(TestSettings.Site, jobId, CancellationToken.None);
            if (job is not null && job.State is not ("Terminated" or "Error"))
            {
                await ProcessRunner.RunAsync("su", ["-", user, "-c", $"oardel {jobId}"]);
                await WaitForStateAsync(jobId, "Terminated");
            }
        }

        await Reader.DisposeAsync();
    }

    [GeneratedRegex(@"^OAR_JOB_ID=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"state = (\w+)")]
    private static partial Regex QueueStatePattern();
}
