using System.Globalization;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using MassTransit;

namespace G5kFw.Service.Bench;

/// <summary>
/// Other jobs' openings, sent as <see cref="ApplyJobRules"/> straight to every firewall's agent queue without
/// OAR or the saga. Each synthetic job holds 4 hosts of its own in 2001:db8:1:0:1::/80, away from the lab's
/// nodes and gateway, and has 100 openings: 25 per host, each of one TCP and UDP port with a gap to the next,
/// so that merging keeps them apart. 100,000 openings are 1,000 jobs and 4,000 hosts.
/// </summary>
internal sealed class SyntheticOpenings(IBus bus, LabSettings lab)
{
    public const int OpeningsPerJob = 100;

    public const int HostsPerJob = 4;

    public const long FirstJobId = 1_000_000_000;

    /// <summary>The start of every synthetic host address, as nft lists it.</summary>
    public const string HostPrefix = "2001:db8:1:0:1:";

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(5);

    // A generation above anything an earlier run applied, so that an agent that still remembers the same
    // synthetic job ids does not ignore this run's rules.
    private readonly long _generation = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public int LoadedJobs { get; private set; }

    public static string Shape =>
        $"{OpeningsPerJob} openings per job on {HostsPerJob} hosts of its own, job ids from {FirstJobId}";

    /// <summary>Returns the rules of synthetic jobs 0 to count - 1, as the agents receive them.</summary>
    public static List<JobRules> Jobs(string site, int count, long generation) =>
        Enumerable.Range(0, count).Select(index => Job(site, index, generation)).ToList();

    /// <summary>Adds jobs until <paramref name="openings"/> synthetic openings are applied on every firewall.</summary>
    public async Task LoadAsync(int openings, CancellationToken cancellationToken)
    {
        var target = (openings + OpeningsPerJob - 1) / OpeningsPerJob;
        var jobs = Enumerable.Range(LoadedJobs, Math.Max(0, target - LoadedJobs))
            .Select(index => Job(lab.Site, index, _generation)).ToList();

        // Counted before they are sent, so that the removal after a failure or Ctrl-C covers every job sent.
        LoadedJobs = Math.Max(LoadedJobs, target);
        await SendAsync(jobs, cancellationToken);
    }

    /// <summary>Removes every loaded job with empty rules at a later generation, as the saga does.</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(0, LoadedJobs)
            .Select(index => new JobRules(lab.Site, FirstJobId + index, _generation + 1, [])).ToList();
        await SendAsync(jobs, cancellationToken);
        LoadedJobs = 0;
    }

    private static JobRules Job(string site, int index, long generation)
    {
        var openings = Enumerable.Range(0, OpeningsPerJob).Select(opening =>
        {
            var port = 20_000 + (2 * opening);
            return new Opening([Host(index, opening % HostsPerJob)], [new PortRange(port, port)],
                OpeningProtocol.TcpUdp, null);
        }).ToList();
        return new JobRules(site, FirstJobId + index, generation, openings);
    }

    private static string Host(int jobIndex, int host) => string.Create(CultureInfo.InvariantCulture,
        $"2001:db8:1:0:1:{jobIndex / 65536:x}:{jobIndex % 65536:x}:{host + 1:x}/128");

    /// <summary>
    /// Sends the jobs to every firewall as requests, so that the agents respond to the bench and the sagas never
    /// hear of these jobs, and waits for every response. Each agent applies one transaction at a time.
    /// </summary>
    private async Task SendAsync(List<JobRules> jobs, CancellationToken cancellationToken)
    {
        await Task.WhenAll(lab.Firewalls.Select(async firewall =>
        {
            var client = bus.CreateRequestClient<ApplyJobRules>(new Uri($"queue:firewall-{firewall}"),
                RequestTimeout.After(m: (int)ReplyTimeout.TotalMinutes));
            using var inFlight = new SemaphoreSlim(8);
            await Task.WhenAll(jobs.Select(async rules =>
            {
                await inFlight.WaitAsync(cancellationToken);
                try
                {
                    var response = await client.GetResponse<JobRulesApplied, JobRulesFailed>(
                        new ApplyJobRules(firewall, rules), cancellationToken);
                    if (response.Is(out Response<JobRulesFailed>? failed))
                    {
                        throw new InvalidOperationException(
                            $"Firewall {firewall} failed to apply synthetic job {rules.JobId}: " +
                                failed.Message.Reason);
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }));
    }
}
