using System.Net;

namespace G5kFw.Service.Bench;

/// <summary>The times of the POST requests that returned 200, and how many requests returned each status.</summary>
internal sealed record PostLatency(List<double> OkTimes, IReadOnlyDictionary<HttpStatusCode, int> Statuses)
{
    /// <summary>Posts one opening per request, one request at a time, to the jobs in turn.</summary>
    public static async Task<PostLatency> MeasureAsync(FirewallApiClient api, IReadOnlyList<LabJob> jobs,
        int samples, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var index = 0; index < samples; index++)
        {
            var status = HttpStatusCode.OK;
            var elapsed = await Sampling.TimeAsync(async () =>
                status = await api.PostOpeningsAsync(jobs[index % jobs.Count], 1, cancellationToken));
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == HttpStatusCode.OK)
            {
                times.Add(elapsed);
            }
        }

        return new PostLatency(times, statuses);
    }
}
