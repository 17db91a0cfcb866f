using System.Diagnostics;

namespace G5kFw.Lab.Tests;

/// <summary>The exit code and output of a finished command.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns the output, or throws with the command line and output when the command failed.</summary>
    public string Check() => Succeeded
        ? Output
        : throw new InvalidOperationException($"'{CommandLine}' failed with exit code {ExitCode}: {Output.Trim()}");
}

/// <summary>Runs the commands a user types (scripts/lab, su, oarsub) and returns their exit code and output.</summary>
public static class Command
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = StartInfo(program, arguments);
        var commandLine = $"{program} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout.TotalSeconds} s.");
        }

        return new CommandResult(commandLine, process.ExitCode, await output + await error);
    }

    /// <summary>Starts a command that runs until it is killed, such as a listener, with its output discarded.</summary>
    public static Process StartBackground(string program, IEnumerable<string> arguments)
    {
        var process = Process.Start(StartInfo(program, arguments))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
