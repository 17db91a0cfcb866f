using System.Diagnostics;

namespace G5kFw.Firewall.Nftables;

/// <summary>
/// Runs the <c>nft</c> program once per script, reading the script from standard input. With a namespace it
/// runs <c>ip netns exec NAME nft</c>.
/// </summary>
public sealed class NftProcess(string? networkNamespace) : INftables
{
    public Task RunAsync(string script, CancellationToken cancellationToken) =>
        RunNftAsync(["-f", "-"], script, cancellationToken);

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) =>
        RunNftAsync(["-j", .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)], null, cancellationToken);

    /// <summary>Returns null, because the nft program does not print the generation id.</summary>
    public Task<uint?> ReadGenerationAsync(CancellationToken cancellationToken) => Task.FromResult<uint?>(null);

    public void Dispose()
    {
    }

    private async Task<string> RunNftAsync(string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(networkNamespace is null ? "nft" : "ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var argument in new[] { "netns", "exec", networkNamespace, "nft" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new NftablesException($"Starting {start.FileName} failed; check that nftables is installed.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);

        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);

        if (process.ExitCode != 0)
        {
            throw new NftablesException($"nft exited with code {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }
}
