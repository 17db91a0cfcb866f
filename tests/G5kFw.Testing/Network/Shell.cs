using System.Diagnostics;

namespace G5kFw.Testing.Network;

/// <summary>Runs the lab's commands (ip, nft, ping) and returns their exit code and output.</summary>
public static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs a command and throws with its output when it fails.</summary>
    public static async Task<string> CheckAsync(string program, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed with exit code {exitCode}: {output.Trim()}");
        }

        return output;
    }

    /// <summary>Runs a command in a network namespace and throws with its output when it fails.</summary>
    public static Task<string> InNamespaceAsync(string networkNamespace, string program, params string[] arguments) =>
        CheckAsync("ip", ["netns", "exec", networkNamespace, program, .. arguments]);
}
