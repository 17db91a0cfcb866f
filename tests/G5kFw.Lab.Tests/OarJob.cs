using System.Globalization;
using System.Text.RegularExpressions;
using G5kFw.Testing;

namespace G5kFw.Lab.Tests;

/// <summary>A noop job of whole hosts that a lab user submits with oarsub and ends with oardel.</summary>
public sealed partial class OarJob : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private OarJob(string user, long id)
    {
        User = user;
        Id = id;
    }

    public string User { get; }

    public long Id { get; }

    /// <summary>The job's hosts, by their OAR names (FQDN), once it runs.</summary>
    public IReadOnlyList<string> Hosts { get; private set; } = [];

    private bool Deleted { get; set; }

    /// <summary>
    /// Submits <c>oarsub -t noop -l host=1</c> as the user and waits until OAR runs it. The lab's OAR hosts are shared
    /// with other test suites, so the job may wait for a free host up to the timeout.
    /// </summary>
    public static async Task<OarJob> SubmitAsync(string user, TimeSpan timeout)
    {
        var output = (await AsUserAsync(user, "oarsub -t noop -l host=1,walltime=1:00:00 true")).Check();
        var match = JobIdPattern().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"oarsub as {user} printed no OAR_JOB_ID: {output.Trim()}");
        }

        var job = new OarJob(user, long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        try
        {
            await job.WaitUntilRunningAsync(timeout);
        }
        catch
        {
            await job.DisposeAsync();
            throw;
        }

        return job;
    }

    /// <summary>Ends the job as its owner would: <c>oardel</c>.</summary>
    public async Task DeleteAsync()
    {
        (await AsUserAsync(User, $"oardel {Id}")).Check();
        Deleted = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Deleted)
        {
            await AsUserAsync(User, $"oardel {Id}");
            Deleted = true;
        }
    }

    private async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        var state = "";
        var running = await Eventually.HoldsAsync(
            async () =>
            {
                var id = Id.ToString(CultureInfo.InvariantCulture);
                var details = (await Command.RunAsync("oarstat", ["-f", "-j", id], CommandTimeout)).Check();
                state = StatePattern().Match(details).Groups[1].Value;
                if (state is "Error" or "Terminated")
                {
                    throw new InvalidOperationException(
                        $"OAR job {Id} of {User} is {state} before it ran: {details.Trim()}");
                }

                Hosts = HostsPattern().Match(details).Groups[1].Value.Split('+', StringSplitOptions.RemoveEmptyEntries);
                return state == "Running" && Hosts.Count > 0;
            },
            timeout,
            TimeSpan.FromSeconds(1));
        if (!running)
        {
            throw new TimeoutException(
                $"OAR job {Id} of {User} is still {state} after {timeout.TotalSeconds} s; "
                + "other jobs may hold every host.");
        }
    }

    private static Task<CommandResult> AsUserAsync(string user, string command) =>
        Command.RunAsync("su", ["-", user, "-c", command], CommandTimeout);

    [GeneratedRegex(@"OAR_JOB_ID=(\d+)")]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"^\s*state = (\S+)", RegexOptions.Multiline)]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"^\s*assigned_hostnames = (\S+)", RegexOptions.Multiline)]
    private static partial Regex HostsPattern();
}
