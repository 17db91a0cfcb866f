using System.Diagnostics;
using System.Net;

namespace G5kFw.Firewall.Nftables;

/// <summary>
/// The connection tracking table of one firewall, changed with the <c>conntrack</c> program (Debian package
/// conntrack), through <c>ip netns exec NAME</c> when the agent works in a named namespace.
/// </summary>
/// <remarks>
/// The table accepts established traffic before it looks at openings, so a connection made while a host was open
/// would outlive the opening. Without its entry, the connection's next packet is new again and meets the rules.
/// </remarks>
public class ConnectionTracking(string? networkNamespace)
{
    /// <summary>Deletes every tracked connection whose destination is one of the hosts.</summary>
    /// <exception cref="NftablesException">conntrack is missing or failed.</exception>
    public virtual async Task ForgetDestinationsAsync(
        IReadOnlyList<IPAddress> hosts, CancellationToken cancellationToken)
    {
        foreach (var host in hosts)
        {
            await RunAsync(["-D", "-f", "ipv6", "-d", host.ToString()], cancellationToken);
        }
    }

    private async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(networkNamespace is null ? "conntrack" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var argument in new[] { "netns", "exec", networkNamespace, "conntrack" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new NftablesException($"Starting {start.FileName} failed; check that conntrack is installed.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        // conntrack 1.4.7 exits with status 1 when no entry matched, and then reports that 0 entries were deleted.
        var message = (await error).Trim();
        if (process.ExitCode != 0 && !message.Contains(" 0 flow entries", StringComparison.Ordinal))
        {
            throw new NftablesException($"conntrack exited with code {process.ExitCode}: {message}");
        }

        await output;
    }
}
