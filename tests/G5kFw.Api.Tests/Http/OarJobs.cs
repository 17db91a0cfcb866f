using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace G5kFw.Api.Tests.Http;

/// <summary>Submits and ends noop jobs on the local OAR server as ordinary users, as a testbed user does.</summary>
public static partial class OarJobs
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Submits a noop job with <c>oarsub -l</c> <paramref name="resources"/> and the extra oarsub options, and waits
    /// until it runs.
    /// </summary>
    public static async Task<long> SubmitRunningAsync(string user, string resources, string options = "")
    {
        var output = await RunAsUserAsync(user, $"oarsub -t noop {options} -l {resources},walltime=0:20:00 true");
        var match = JobIdPattern().Match(output);
        if (!match.Success || match.Groups[1].Value.StartsWith('-'))
        {
            throw new InvalidOperationException($"oarsub as {user} printed no job id: {output}");
        }

        var jobId = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await WaitForStateAsync(jobId, "Running");
        return jobId;
    }

    /// <summary>Deletes the job with oardel and waits until OAR reports it Terminated.</summary>
    public static async Task EndAsync(string user, long jobId)
    {
        await RunAsUserAsync(user, $"oardel {jobId}");
        await WaitForStateAsync(jobId, "Terminated");
    }

    private static async Task WaitForStateAsync(long jobId, string state)
    {
        await using var connection = new NpgsqlConnection(LocalSite.OarConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + StateTimeout;
        string? current = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT state FROM jobs WHERE job_id = @id", connection);
            command.Parameters.AddWithValue("id", jobId);
            current = (string?)await command.ExecuteScalarAsync();
            if (current == state)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"OAR job {jobId} is {current ?? "unknown"}, not {state}, after {StateTimeout}.");
    }

    private static async Task<string> RunAsUserAsync(string user, string command)
    {
        var start = new ProcessStartInfo("su", ["-", user, "-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{command}' as {user} failed with status {process.ExitCode}: {error}");
        }

        return output + error;
    }

    [GeneratedRegex(@"OAR_JOB_ID=(-?\d+)")]
    private static partial Regex JobIdPattern();
}
