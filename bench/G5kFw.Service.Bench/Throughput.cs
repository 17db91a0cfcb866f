using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace G5kFw.Service.Bench;

/// <summary>Requests and openings per second of concurrent POSTs across several jobs.</summary>
internal sealed record Throughput(
    int Requests, int AcceptedOpenings, double Seconds, IReadOnlyDictionary<HttpStatusCode, int> Statuses)
{
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Openings of the requests that returned 200, per second of the whole run.</summary>
    public double AcceptedOpeningsPerSecond => AcceptedOpenings / Seconds;

    /// <summary>
    /// Posts the openings with the given number of requests in flight; request i goes to job i modulo the job
    /// count.
    /// </summary>
    public static async Task<Throughput> MeasureAsync(FirewallApiClient api, IReadOnlyList<LabJob> jobs,
        int openings, int openingsPerRequest, int concurrency, CancellationToken cancellationToken)
    {
        var requests = (openings + openingsPerRequest - 1) / openingsPerRequest;
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, requests,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var status = await api.PostOpeningsAsync(jobs[index % jobs.Count], openingsPerRequest, token);
                statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            });
        var seconds = stopwatch.Elapsed.TotalSeconds;

        var accepted = statuses.GetValueOrDefault(HttpStatusCode.OK) * openingsPerRequest;
        return new Throughput(requests, accepted, seconds, statuses);
    }
}
