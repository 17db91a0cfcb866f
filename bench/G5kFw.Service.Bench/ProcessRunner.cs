using System.Diagnostics;

namespace G5kFw.Service.Bench;

internal static class ProcessRunner
{
    /// <summary>Runs a program and returns its standard output, or throws with its standard error.</summary>
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Starting {program} failed; check that it is installed.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' exited with code {process.ExitCode}: " +
                    (await error).Trim());
    }

    /// <summary>Runs a shell command as a lab user, through <c>su -</c> as a user at a terminal would.</summary>
    public static Task<string> AsUserAsync(string user, string command) => RunAsync("su", "-", user, "-c", command);
}
