using System.Diagnostics;
using System.Globalization;
using G5kFw.Contracts.Firewalls;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Bench;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Settings;
using Microsoft.Extensions.Logging.Abstractions;

// Measures, in a fresh network namespace, the time of one job's change with other openings present, through
// libnftables in-process and through the nft program, and a full rebuild against a hand-written nft -f file.
var levels = ReadOption("--levels", "0,1000,10000,100000").Split(',').Select(int.Parse).ToArray();
var repeats = int.Parse(ReadOption("--repeats", "10"), CultureInfo.InvariantCulture);
var rebuildRepeats = int.Parse(ReadOption("--rebuild-repeats", "1"), CultureInfo.InvariantCulture);

// A site's jobs hold their hosts exclusively, so the number of jobs with openings stays below the number of hosts.
// The default shape puts 100,000 openings on 1,000 jobs of 4 hosts each.
var workload = new Workload(
    int.Parse(ReadOption("--openings-per-job", "100"), CultureInfo.InvariantCulture),
    int.Parse(ReadOption("--hosts-per-job", "4"), CultureInfo.InvariantCulture));
var networkNamespace = $"g5bench{Environment.ProcessId}";

await RunAsync("ip", "netns", "add", networkNamespace);
try
{
    var settings = new FirewallAgentSettings
    {
        Firewall = "bench",
        Site = "bench",
        Namespace = networkNamespace,
        ProtectedPrefixes = [Workload.ProtectedPrefix],
    };
    using var library = new FirewallAgent(settings, new LibNftables(networkNamespace),
        NullLogger<FirewallAgent>.Instance);
    using var program = new FirewallAgent(settings, new NftProcess(networkNamespace),
        NullLogger<FirewallAgent>.Instance);
    await library.InitializeAsync(CancellationToken.None);

    Console.WriteLine($"nftables {(await RunAsync("nft", "--version")).Trim()}, {Environment.ProcessorCount} cores, " +
        $"{repeats} job changes per level and backend, median (p90) in ms");
    Console.WriteLine($"Other jobs: {workload.OpeningsPerJob} openings on {workload.HostsPerJob} hosts each");
    Console.WriteLine();
    Console.WriteLine(
        "| other openings | job change, libnftables | job change, nft program | rebuild, libnftables | rebuild, nft " +
            "program | drift check | drift check, no change since |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

    var generation = 1L;
    var baseline = 0.0;
    var largest = new List<JobRules>();
    double libraryRebuild = 0, programRebuild = 0;
    foreach (var level in levels)
    {
        var jobs = workload.OtherJobs(level);
        jobs.Add(Workload.MeasuredJob(generation));
        largest = jobs;

        var libraryRebuilds = await MeasureAsync(rebuildRepeats, () => library.RebuildAsync(jobs,
            CancellationToken.None));
        var programRebuilds = await MeasureAsync(rebuildRepeats, () => program.RebuildAsync(jobs,
            CancellationToken.None));
        var libraryChanges = new List<double>();
        var programChanges = new List<double>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            libraryChanges.Add(await TimeAsync(() => ApplyAsync(library, Workload.MeasuredJob(++generation))));
            programChanges.Add(await TimeAsync(() => ApplyAsync(program, Workload.MeasuredJob(++generation))));
        }

        var driftChecks = await MeasureAsync(rebuildRepeats, async () =>
        {
            var differences = await library.RepairDriftAsync(CancellationToken.None);
            if (differences.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The drift check found {differences.Count} differences in the benchmark table, first: " +
                        $"{differences[0]}");
            }
        });

        // The first check lists the table, because the nft program's changes are foreign to the library's agent.
        // This one follows it with no transaction in between, so it only reads the ruleset generation id.
        var quietDriftChecks = await MeasureAsync(rebuildRepeats, () =>
            library.RepairDriftAsync(CancellationToken.None));

        baseline = level == levels[0] ? Median(libraryChanges) : baseline;
        libraryRebuild = Median(libraryRebuilds);
        programRebuild = Median(programRebuilds);
        Console.WriteLine($"| {level} | {Format(libraryChanges)} | {Format(programChanges)} | " +
            $"{Format(libraryRebuilds)} | {Format(programRebuilds)} | {Format(driftChecks)} | " +
            $"{Format(quietDriftChecks)} |");
    }

    var handWritten = Path.GetTempFileName();
    try
    {
        await File.WriteAllTextAsync(handWritten, HandWrittenRuleset.Write(largest, Workload.ProtectedPrefix));
        var handWrittenTimes = await MeasureAsync(rebuildRepeats, () =>
            RunAsync("ip", "netns", "exec", networkNamespace, "nft", "-f", handWritten));
        await RunAsync("ip", "netns", "exec", networkNamespace, "nft", "delete", "table", "ip6", "handwritten");
        var openings = largest.Sum(job => job.Openings.Count);

        Console.WriteLine();
        Console.WriteLine($"Full rebuild of {openings} openings, median of {rebuildRepeats}:");
        Console.WriteLine(
            $"  hand-written nft -f file (one chain, one named set of all openings): {Median(handWrittenTimes):F1} ms");
        Console.WriteLine(
            $"  agent rebuild, libnftables: {libraryRebuild:F1} ms, ratio " +
                $"{libraryRebuild / Median(handWrittenTimes):F2}");
        Console.WriteLine(
            $"  agent rebuild, nft program: {programRebuild:F1} ms, ratio " +
                $"{programRebuild / Median(handWrittenTimes):F2}");
    }
    finally
    {
        File.Delete(handWritten);
    }
}
finally
{
    await RunAsync("ip", "netns", "delete", networkNamespace);
}

return 0;

string ReadOption(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static async Task ApplyAsync(FirewallAgent agent, JobRules rules)
{
    var outcome = await agent.ApplyAsync(rules, CancellationToken.None);
    if (!outcome.Succeeded)
    {
        throw new InvalidOperationException($"Applying generation {rules.Generation} failed: {outcome.FailureReason}");
    }
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var stopwatch = Stopwatch.StartNew();
    await action();
    return stopwatch.Elapsed.TotalMilliseconds;
}

static async Task<List<double>> MeasureAsync(int count, Func<Task> action)
{
    var times = new List<double>();
    for (var index = 0; index < count; index++)
    {
        times.Add(await TimeAsync(action));
    }

    return times;
}

static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

static string Format(List<double> times)
{
    var sorted = times.Order().ToList();
    var p90 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.9) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"{Median(times):F1} ({p90:F1})");
}

static async Task<string> RunAsync(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode == 0
        ? output
        : throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' failed: {error.Trim()}");
}
