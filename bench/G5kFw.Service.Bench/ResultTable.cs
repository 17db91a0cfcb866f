using System.Globalization;
using System.Net;

namespace G5kFw.Service.Bench;

/// <summary>
/// The printed results: one row per measure with its value, its target, the ratio the target is stated in, and
/// whether the target holds. A row without a target is for reading only.
/// </summary>
internal sealed class ResultTable
{
    private readonly List<Row> _rows = [];

    public void Add(string measure, string value, string target = "", double? ratio = null, bool? holds = null) =>
        _rows.Add(new Row(measure, value, target, ratio, holds));

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| measure | value | target | ratio | holds |");
        output.WriteLine("| --- | ---: | --- | ---: | --- |");
        foreach (var row in _rows)
        {
            var ratio = row.Ratio is { } value ? value.ToString("F2", CultureInfo.InvariantCulture) : "";
            var holds = row.Holds switch { true => "yes", false => "NO", null => "" };
            output.WriteLine($"| {row.Measure} | {row.Value} | {row.Target} | {ratio} | {holds} |");
        }

        var checkedRows = _rows.Where(row => row.Holds is not null).ToList();
        var missed = checkedRows.Where(row => row.Holds == false).Select(row => row.Measure).ToList();
        output.WriteLine();
        output.WriteLine($"Summary: {checkedRows.Count - missed.Count} of {checkedRows.Count} targets hold" +
            (missed.Count == 0 ? "." : $"; missed: {string.Join("; ", missed)}."));
    }

    /// <summary>Returns how many requests got each HTTP status, such as "198x 200, 2x 202".</summary>
    public static string Statuses(IReadOnlyDictionary<HttpStatusCode, int> statuses) =>
        string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value}x {(int)pair.Key}"));

    public static string Milliseconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private sealed record Row(string Measure, string Value, string Target, double? Ratio, bool? Holds);
}
