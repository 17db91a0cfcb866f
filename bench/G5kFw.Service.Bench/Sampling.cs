using System.Diagnostics;

namespace G5kFw.Service.Bench;

/// <summary>Timing helpers and nearest-rank percentiles, in milliseconds.</summary>
internal static class Sampling
{
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    public static async Task<List<double>> RepeatAsync(int count, Func<Task> action)
    {
        var times = new List<double>(count);
        for (var index = 0; index < count; index++)
        {
            times.Add(await TimeAsync(action));
        }

        return times;
    }

    /// <summary>Returns the nearest-rank percentile (0 to 100) of the samples, or NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
