using System.Net;
using System.Text.Json;

namespace G5kFw.EndToEnd.Tests.Site;

/// <summary>Reads what a firewall agent wrote in its nftables table, <c>ip6 g5kfw</c> in the firewall's namespace.</summary>
public static class FirewallTable
{
    public const string Table = "g5kfw";

    /// <summary>Returns true once the agent created its table in the namespace.</summary>
    public static async Task<bool> ExistsAsync(string networkNamespace)
    {
        var (exitCode, _) = await Shell.RunAsync("ip", "netns", "exec", networkNamespace, "nft", "list", "table", "ip6", Table);
        return exitCode == 0;
    }

    /// <summary>
    /// Returns the destination hosts and TCP ports that the job opens from any source on the firewall, or an empty
    /// set when the job has no rules there. The agent keeps them in a named set of the job's current generation,
    /// <c>job_{id}_g{generation}_tcpudp</c>, which the job's chain <c>job_{id}</c> looks up; sets of earlier
    /// generations may linger until the agent's next drift check, so only the chain's set counts.
    /// </summary>
    public static async Task<IReadOnlySet<(IPAddress Host, int Port)>> TcpPortsAsync(string networkNamespace, long jobId)
    {
        var ports = new HashSet<(IPAddress, int)>();
        var (chainExit, chain) = await Shell.RunAsync(
            "ip", "netns", "exec", networkNamespace, "nft", "list", "chain", "ip6", Table, $"job_{jobId}");
        var current = System.Text.RegularExpressions.Regex.Match(chain, $@"@(job_{jobId}_g\d+_tcpudp)\b");
        if (chainExit != 0 || !current.Success)
        {
            return ports;
        }

        var (exitCode, output) = await Shell.RunAsync(
            "ip", "netns", "exec", networkNamespace, "nft", "-j", "list", "set", "ip6", Table, current.Groups[1].Value);
        if (exitCode != 0)
        {
            return ports;
        }

        using var document = JsonDocument.Parse(output);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var elements))
            {
                continue;
            }

            foreach (var element in elements.EnumerateArray())
            {
                var parts = element.GetProperty("concat");
                if (parts[1].GetString() == "tcp")
                {
                    AddPorts(ports, IPAddress.Parse(parts[0].GetString()!), parts[2]);
                }
            }
        }

        return ports;
    }

    /// <summary>Returns the whole ruleset of the namespace, for failure messages.</summary>
    public static async Task<string> ListAsync(string networkNamespace)
    {
        var (_, output) = await Shell.RunAsync("ip", "netns", "exec", networkNamespace, "nft", "list", "ruleset");
        return $"{networkNamespace}:\n{output}";
    }

    private static void AddPorts(HashSet<(IPAddress, int)> ports, IPAddress host, JsonElement port)
    {
        if (port.ValueKind == JsonValueKind.Number)
        {
            ports.Add((host, port.GetInt32()));
            return;
        }

        var range = port.GetProperty("range");
        for (var number = range[0].GetInt32(); number <= range[1].GetInt32(); number++)
        {
            ports.Add((host, number));
        }
    }
}
