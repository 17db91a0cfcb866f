using System.Globalization;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Bench;
using Serilog;

namespace G5kFw.Service.Bench;

/// <summary>The measures of one run, in order, each adding its rows to the result table.</summary>
internal sealed class BenchRun(
    BenchOptions options,
    LabSettings lab,
    FirewallAgent scratchAgent,
    FirewallApiClient api,
    FirewallTables tables,
    OarJobs oar,
    SyntheticOpenings synthetic,
    ResultTable results)
{
    private const double FloorFactor = 2.0;
    private const double LoadedFactor = 1.2;
    private const double OpeningsPerSecondTarget = 500;
    private const double JobEndTarget = 100;
    private const double RebuildFactor = 1.5;
    private const double ApiMegabytes = 200;
    private const double WorkerMegabytes = 250;

    // POSTs sent before the first measure and not counted: the first requests of the lab's processes pay for JIT
    // compilation and for opening database and broker connections. With 20 of them, the first level's p50 was still
    // 1.4 to 1.8 times the later levels' in runs right after scripts/lab up.
    private const int WarmUpRequests = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var floor = await MeasureFloorAsync(cancellationToken);

        Log.Information("Submitting {JobCount} whole-host jobs as {User}", lab.NodeCount, LabSettings.User);
        var jobs = await oar.SubmitAsync(lab.NodeCount, cancellationToken);

        Log.Information("Warming up with {Requests} POSTs that are not counted", WarmUpRequests);
        await PostLatency.MeasureAsync(api, jobs, WarmUpRequests, cancellationToken);
        await DeleteOpeningsAsync(jobs, cancellationToken);

        var empty = await MeasureLatencyAsync(jobs, "no other openings", cancellationToken);
        var emptyP50 = Sampling.Percentile(empty, 50);
        AddRatioRow("POST-to-200 p50 / floor", emptyP50 / floor, $"<= {FloorFactor}x floor", FloorFactor);
        await DeleteOpeningsAsync(jobs, cancellationToken);

        await MeasureThroughputAsync(jobs, cancellationToken);
        await DeleteOpeningsAsync(jobs, cancellationToken);

        foreach (var level in options.Levels)
        {
            await LoadSyntheticAsync(level, cancellationToken);
            var loaded = await MeasureLatencyAsync(jobs, $"{level:N0} other openings", cancellationToken);
            var ratio = Sampling.Percentile(loaded, 50) / emptyP50;
            if (level == options.Levels.Max())
            {
                AddRatioRow($"POST-to-200 p50 at {level:N0} / empty", ratio, $"<= {LoadedFactor}x empty",
                    LoadedFactor);
            }
            else
            {
                results.Add($"POST-to-200 p50 at {level:N0} / empty", "", ratio: ratio);
            }

            await DeleteOpeningsAsync(jobs, cancellationToken);
        }

        ReadPeakMemory();

        Log.Information("Removing {JobCount} synthetic jobs from every firewall", synthetic.LoadedJobs);
        var removal = await Sampling.TimeAsync(() => synthetic.RemoveAllAsync(cancellationToken));
        Log.Information("Removed the synthetic jobs in {Milliseconds:F0} ms", removal);

        await MeasureJobEndsAsync(jobs, cancellationToken);

        if (options.Rebuild)
        {
            await MeasureRebuildAsync(cancellationToken);
        }
    }

    private async Task<double> MeasureFloorAsync(CancellationToken cancellationToken)
    {
        Log.Information("Measuring the floor, {Samples} samples each", options.FloorSamples);
        var postgres = await Floor.PostgresCommitsAsync(lab, options.FloorSamples, cancellationToken);
        var rabbit = await Floor.RabbitRoundTripsAsync(lab, options.FloorSamples, cancellationToken);
        var nftables = await Floor.NftablesTransactionsAsync(scratchAgent, options.FloorSamples, cancellationToken);
        results.Add("floor: PostgreSQL commit", Describe(postgres));
        results.Add("floor: RabbitMQ publish-to-consume", Describe(rabbit));
        results.Add("floor: nftables transaction of one job", Describe(nftables));

        var floor = Sampling.Percentile(postgres, 50) + Sampling.Percentile(rabbit, 50) +
            Sampling.Percentile(nftables, 50);
        results.Add("floor: sum of the three p50", ResultTable.Milliseconds(floor));
        return floor;
    }

    private async Task<List<double>> MeasureLatencyAsync(List<LabJob> jobs, string label,
        CancellationToken cancellationToken)
    {
        Log.Information("Timing {Samples} POSTs of one opening with {Label}", options.Samples, label);
        var latency = await PostLatency.MeasureAsync(api, jobs, options.Samples, cancellationToken);
        results.Add($"POST-to-200, {label}", $"{Describe(latency.OkTimes)}; {ResultTable.Statuses(latency.Statuses)}");
        return latency.OkTimes;
    }

    private async Task MeasureThroughputAsync(List<LabJob> jobs, CancellationToken cancellationToken)
    {
        Log.Information(
            "Posting {Openings} openings, {OpeningsPerRequest} per request, across {JobCount} jobs, {Concurrency} " +
                "requests in flight",
            options.ThroughputOpenings, options.OpeningsPerRequest, jobs.Count, options.Concurrency);
        var throughput = await Throughput.MeasureAsync(api, jobs, options.ThroughputOpenings,
            options.OpeningsPerRequest, options.Concurrency, cancellationToken);
        var perSecond = throughput.AcceptedOpeningsPerSecond;
        results.Add("accepted openings per second",
            string.Create(CultureInfo.InvariantCulture,
                $"{perSecond:F0}/s ({throughput.RequestsPerSecond:F1} requests/s of {options.OpeningsPerRequest} " +
                    $"openings, {options.Concurrency} in flight, {jobs.Count} jobs; " +
                    $"{ResultTable.Statuses(throughput.Statuses)})"),
            $">= {OpeningsPerSecondTarget}/s", perSecond / OpeningsPerSecondTarget,
            perSecond >= OpeningsPerSecondTarget);
    }

    private async Task LoadSyntheticAsync(int level, CancellationToken cancellationToken)
    {
        Log.Information("Loading synthetic openings up to {Level} on every firewall", level);
        var elapsed = await Sampling.TimeAsync(() => synthetic.LoadAsync(level, cancellationToken));
        foreach (var firewall in tables.Firewalls)
        {
            var chains = await tables.CountJobChainsAsync(firewall, SyntheticOpenings.FirstJobId, cancellationToken);
            var hosts = await tables.CountMappedHostsAsync(firewall, SyntheticOpenings.HostPrefix, cancellationToken);
            var expectedHosts = synthetic.LoadedJobs * SyntheticOpenings.HostsPerJob;
            if (chains != synthetic.LoadedJobs || hosts != expectedHosts)
            {
                throw new InvalidOperationException(
                    $"Firewall {firewall} has {chains} synthetic job chains and {hosts} synthetic hosts, expected " +
                        $"{synthetic.LoadedJobs} and {expectedHosts}; see its agent's log under {lab.RunFolder}/lab.");
            }
        }

        Log.Information(
            "Loaded {JobCount} synthetic jobs in {Milliseconds:F0} ms, and nft lists all of them on every firewall",
            synthetic.LoadedJobs, elapsed);
    }

    private void ReadPeakMemory()
    {
        AddMemoryRow("G5kFw.Api", "peak memory, API", ApiMegabytes);
        AddMemoryRow("G5kFw.Worker", "peak memory, Worker (sagas)", WorkerMegabytes);
        foreach (var firewall in lab.Firewalls)
        {
            AddMemoryRow($"agent-{firewall}", $"peak memory, agent {firewall}", null);
        }
    }

    private void AddMemoryRow(string process, string measure, double? target)
    {
        var megabytes = PeakMemory.ReadMegabytes(lab, process);
        if (megabytes is not { } value)
        {
            results.Add(measure, "process not found");
            return;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{value:F0} MB VmHWM");
        if (target is { } limit)
        {
            results.Add(measure, text, $"<= {limit} MB", value / limit, value <= limit);
        }
        else
        {
            results.Add(measure, text);
        }
    }

    /// <summary>
    /// Ends jobs that have one opening applied, half through the hook and half through oardel in each round, and
    /// submits new jobs for the next round until both ways have their samples.
    /// </summary>
    private async Task MeasureJobEndsAsync(List<LabJob> jobs, CancellationToken cancellationToken)
    {
        var jobEnd = new JobEnd(lab, tables, oar);
        var throughHook = new List<double>();
        var throughOardel = new List<double>();
        while (throughHook.Count < options.JobEndSamples || throughOardel.Count < options.JobEndSamples)
        {
            if (jobs.Count == 0)
            {
                jobs = await oar.SubmitAsync(lab.NodeCount, cancellationToken);
            }

            foreach (var job in jobs)
            {
                await api.PostOpeningsAsync(job, 1, cancellationToken);
            }

            Log.Information("Ending {JobCount} jobs, half through the hook and half through oardel", jobs.Count);
            for (var index = 0; index < jobs.Count; index++)
            {
                var job = jobs[index];
                if (index % 2 == 0)
                {
                    throughHook.Add(await jobEnd.ThroughHookAsync(job, cancellationToken));
                    await oar.DeleteAsync(job.Id);
                }
                else
                {
                    throughOardel.Add(await jobEnd.ThroughOardelAsync(job, cancellationToken));
                }
            }

            jobs = [];
        }

        results.Add("job end to rules gone, through the hook", Describe(throughHook), $"p99 < {JobEndTarget} ms",
            Sampling.Percentile(throughHook, 99) / JobEndTarget, Sampling.Percentile(throughHook, 99) < JobEndTarget);
        results.Add("job end to rules gone, through oardel", Describe(throughOardel));
    }

    private async Task MeasureRebuildAsync(CancellationToken cancellationToken)
    {
        var jobCount = (options.Levels.Max() + SyntheticOpenings.OpeningsPerJob - 1) / SyntheticOpenings.OpeningsPerJob;
        var jobs = SyntheticOpenings.Jobs(lab.Site, jobCount, generation: 1);
        var openings = jobs.Sum(job => job.Openings.Count);

        Log.Information("Rebuilding a scratch table of {Openings} openings through the agent", openings);
        var agentTime = await Sampling.TimeAsync(() => scratchAgent.RebuildAsync(jobs, cancellationToken));

        Log.Information("Loading the same openings as one hand-written nft -f file");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, HandWrittenRuleset.Write(jobs, LabSettings.NodePrefix),
                cancellationToken);
            var handWritten = await Sampling.TimeAsync(() => ProcessRunner.RunAsync("ip", "netns", "exec",
                scratchAgent.Settings.Namespace!, "nft", "-f", file));
            results.Add($"hand-written nft -f of {openings:N0} openings", ResultTable.Milliseconds(handWritten));
            var ratio = agentTime / handWritten;
            results.Add($"agent rebuild of {openings:N0} openings", ResultTable.Milliseconds(agentTime),
                $"<= {RebuildFactor}x hand-written", ratio, ratio <= RebuildFactor);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task DeleteOpeningsAsync(IEnumerable<LabJob> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await api.DeleteOpeningsAsync(job, cancellationToken);
        }
    }

    private void AddRatioRow(string measure, double ratio, string target, double limit) =>
        results.Add(measure, "", target, ratio, ratio <= limit);

    private static string Describe(List<double> times) => times.Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture,
            $"p50 {Sampling.Percentile(times, 50):F1} ms, p99 {Sampling.Percentile(times, 99):F1} ms ({times.Count})");
}
