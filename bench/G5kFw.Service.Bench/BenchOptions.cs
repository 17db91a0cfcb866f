using System.Globalization;

namespace G5kFw.Service.Bench;

/// <summary>The sizes of one benchmark run, read from the command line.</summary>
internal sealed record BenchOptions
{
    public const string Help = """
        Usage: scripts/bench [--quick] [OPTIONS]

        Measures the lab's G5kFw installation end to end (scripts/lab up must have started it).

          --quick                   smaller run: levels 1000,10000, 50 samples, 800 openings for the
                                    throughput, 4 job ends per way, 20 floor samples
          --levels A,B              other openings loaded on both firewalls before measuring the POST
                                    latency again, comma-separated (default 10000,100000); memory is read
                                    and the rebuild measured at the largest level
          --samples N               POST requests timed per level, one opening each (default 200)
          --throughput-openings N   openings posted for the throughput (default 2000, at most 500 per
                                    job with the API's default Limits:MaxOpeningsPerJob)
          --openings-per-request N  openings in each throughput request (default 10, at most 100 with
                                    the API's default Limits:MaxOpeningsPerRequest)
          --concurrency N           POST requests in flight for the throughput (default 16)
          --job-end-samples N       job ends timed through the hook and through oardel, each (default 8)
          --floor-samples N         samples of each floor measure (default 50)
          --no-rebuild              skip the full rebuild against the hand-written nft -f file
          --help                    print this text
        """;

    public IReadOnlyList<int> Levels { get; init; } = [10_000, 100_000];

    public int Samples { get; init; } = 200;

    public int ThroughputOpenings { get; init; } = 2000;

    public int OpeningsPerRequest { get; init; } = 10;

    public int Concurrency { get; init; } = 16;

    public int JobEndSamples { get; init; } = 8;

    public int FloorSamples { get; init; } = 50;

    public bool Rebuild { get; init; } = true;

    public bool ShowHelp { get; init; }

    /// <summary>Reads the options; throws <see cref="ArgumentException"/> naming an unknown or invalid one.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Levels = [1_000, 10_000], Samples = 50, ThroughputOpenings = 800, JobEndSamples = 4, FloorSamples = 20,
            }
            : new BenchOptions();
        for (var index = 0; index < args.Count; index++)
        {
            var name = args[index];
            options = name switch
            {
                "--quick" => options,
                "--help" or "-h" => options with { ShowHelp = true },
                "--no-rebuild" => options with { Rebuild = false },
                "--levels" =>
                    options with { Levels = Value(args, ++index, name).Split(',').Select(ParseCount).ToList() },
                "--samples" => options with { Samples = ParseCount(Value(args, ++index, name)) },
                "--throughput-openings" => options with { ThroughputOpenings = ParseCount(Value(args, ++index, name)) },
                "--openings-per-request" =>
                    options with { OpeningsPerRequest = ParseCount(Value(args, ++index, name)) },
                "--concurrency" => options with { Concurrency = ParseCount(Value(args, ++index, name)) },
                "--job-end-samples" => options with { JobEndSamples = ParseCount(Value(args, ++index, name)) },
                "--floor-samples" => options with { FloorSamples = ParseCount(Value(args, ++index, name)) },
                _ => throw new ArgumentException($"Unknown option '{name}'; run scripts/bench --help for the options."),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count
            ? args[index]
            : throw new ArgumentException(
                $"Option {name} is missing its value; run scripts/bench --help for the options.");

    private static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"Value '{text}' is invalid; expected a positive whole number.");
}
