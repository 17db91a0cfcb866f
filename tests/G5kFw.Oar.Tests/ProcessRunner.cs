using System.Diagnostics;

namespace G5kFw.Oar.Tests;

public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed);

/// <summary>Runs a program to its end and collects its output.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A null value removes the variable that the test process would pass on.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Starting {fileName} failed.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        stopwatch.Stop();
        return new ProcessResult(process.ExitCode, await output, await error, stopwatch.Elapsed);
    }
}
