using System.Diagnostics;
using System.Globalization;

namespace G5kFw.Service.Bench;

/// <summary>
/// Times from a job's end to the moment its chain is gone from every firewall's table, polled through
/// libnftables about once a millisecond. The agent deletes a job's chain and its map elements in one
/// transaction, so a missing chain means the job's rules are gone.
/// </summary>
internal sealed class JobEnd(LabSettings lab, FirewallTables tables, OarJobs oar)
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs OAR's server epilogue for the job as user oar, as OAR's server does when the job ends.</summary>
    public Task<double> ThroughHookAsync(LabJob job, CancellationToken cancellationToken) =>
        TimeUntilGoneAsync(job, () => ProcessRunner.RunAsync("runuser", "-u", "oar", "--",
            Path.Combine(lab.RunFolder, "oar", "hooks", "server_epilogue"),
            job.Id.ToString(CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>Ends the job with oardel as its owner, so the time includes OAR's delay before the epilogue.</summary>
    public Task<double> ThroughOardelAsync(LabJob job, CancellationToken cancellationToken) =>
        TimeUntilGoneAsync(job, () => oar.DeleteAsync(job.Id), cancellationToken);

    private async Task<double> TimeUntilGoneAsync(LabJob job, Func<Task> end, CancellationToken cancellationToken)
    {
        foreach (var firewall in tables.Firewalls)
        {
            if (!await tables.HasJobChainAsync(firewall, job.Id, cancellationToken))
            {
                throw new InvalidOperationException(
                    $"Job {job.Id} has no chain on firewall {firewall} before its end; its opening was not applied.");
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var ending = end();
        var gone = await Task.WhenAll(tables.Firewalls.Select(firewall =>
            WaitUntilGoneAsync(firewall, job.Id, stopwatch, cancellationToken)));
        await ending;
        return gone.Max();
    }

    private async Task<double> WaitUntilGoneAsync(string firewall, long jobId, Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        while (stopwatch.Elapsed < RemovalTimeout)
        {
            if (!await tables.HasJobChainAsync(firewall, jobId, cancellationToken))
            {
                return stopwatch.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
        }

        throw new TimeoutException(
            $"The chain of job {jobId} is still on firewall {firewall} {RemovalTimeout.TotalSeconds} s after the " +
                $"job's end; see the Worker's and the agent's logs under {lab.RunFolder}/lab.");
    }
}
