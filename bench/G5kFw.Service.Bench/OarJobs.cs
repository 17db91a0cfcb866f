using System.Globalization;
using System.Text.RegularExpressions;

namespace G5kFw.Service.Bench;

/// <summary>A running OAR job of the lab user and the IPv6 names of its hosts.</summary>
internal sealed record LabJob(long Id, IReadOnlyList<string> HostNames);

/// <summary>
/// Submits noop jobs of one whole host as the lab user with <c>oarsub</c>, and remembers them until
/// <see cref="DeleteAllAsync"/> ends whatever is left, so that an interrupted run leaves no job behind.
/// </summary>
internal sealed partial class OarJobs
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly HashSet<long> _submitted = [];

    /// <summary>Submits the jobs, then waits until OAR runs every one of them.</summary>
    public async Task<List<LabJob>> SubmitAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        for (var index = 0; index < count; index++)
        {
            var output = await ProcessRunner.AsUserAsync(LabSettings.User,
                "oarsub -t noop -l host=1,walltime=1:00:00 true");
            var match = JobIdPattern().Match(output);
            if (!match.Success)
            {
                throw new InvalidOperationException($"oarsub printed no OAR_JOB_ID: {output.Trim()}");
            }

            var id = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            _submitted.Add(id);
            ids.Add(id);
        }

        var jobs = new List<LabJob>();
        foreach (var id in ids)
        {
            jobs.Add(await WaitUntilRunningAsync(id, cancellationToken));
        }

        return jobs;
    }

    /// <summary>Ends the job as its owner does, with <c>oardel</c>.</summary>
    public async Task DeleteAsync(long id)
    {
        await ProcessRunner.AsUserAsync(LabSettings.User, $"oardel {id}");
        _submitted.Remove(id);
    }

    public async Task DeleteAllAsync()
    {
        foreach (var id in _submitted.ToList())
        {
            try
            {
                await DeleteAsync(id);
            }
            catch (InvalidOperationException exception)
            {
                // oardel fails for a job that already ended, which is what the cleanup wants anyway.
                Console.Error.WriteLine($"oardel {id} failed during cleanup: {exception.Message}");
            }
        }
    }

    private static async Task<LabJob> WaitUntilRunningAsync(long id, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var state = "";
        while (DateTime.UtcNow < deadline)
        {
            var details = await ProcessRunner.RunAsync("oarstat", "-f", "-j",
                id.ToString(CultureInfo.InvariantCulture));
            state = StatePattern().Match(details).Groups[1].Value;
            if (state is "Error" or "Terminated")
            {
                throw new InvalidOperationException($"OAR job {id} is {state} before it ran: {details.Trim()}");
            }

            var hosts = HostsPattern().Match(details).Groups[1].Value
                .Split('+', StringSplitOptions.RemoveEmptyEntries);
            if (state == "Running" && hosts.Length > 0)
            {
                return new LabJob(id, hosts.Select(Ipv6Name).ToList());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException(
            $"OAR job {id} is still {state} after {StartTimeout.TotalSeconds} s; other jobs may hold every host " +
                "(oarstat shows them).");
    }

    /// <summary>Returns a host's IPv6 name from its OAR name: node-3.rennes.example.org gives node-3-ipv6....</summary>
    private static string Ipv6Name(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? host + "-ipv6" : host[..dot] + "-ipv6" + host[dot..];
    }

    [GeneratedRegex(@"OAR_JOB_ID=(\d+)")]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"^\s*state = (\S+)", RegexOptions.Multiline)]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"^\s*assigned_hostnames = (\S+)", RegexOptions.Multiline)]
    private static partial Regex HostsPattern();
}
