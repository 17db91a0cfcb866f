using System.Net;
using System.Text.Json;
using G5kFw.Firewall.Rendering;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Agents;

/// <summary>
/// Compares the JSON listing of an agent's table (<c>nft -j list table</c>) with the state the agent applied.
/// It checks the forward chain, the protected prefixes, every job chain's rule count and every element of the
/// job map, which finds a flushed or deleted table, deleted rules, chains and map elements.
/// </summary>
/// <remarks>NOTE: a rule whose text was changed in place, keeping the rule count, is not found.</remarks>
public static class DriftDetector
{
    /// <summary>Returns one line per difference, or an empty list when the table matches.</summary>
    public static IReadOnlyList<string> FindDifferences(
        string listing,
        IReadOnlyList<Ipv6Prefix> protectedPrefixes,
        IEnumerable<JobFirewallRules> jobs,
        IReadOnlyDictionary<IPAddress, long> hostOwners)
    {
        var actual = ReadListing(listing);
        var differences = new List<string>();

        var expectedRuleCounts = jobs
            .Where(job => job.Rules.Count > 0)
            .ToDictionary(job => TableLayout.JobChain(job.JobId), job => TableLayout.JobRuleCount);
        expectedRuleCounts[TableLayout.ForwardChain] = TableLayout.ForwardRuleCount;

        foreach (var (chain, expected) in expectedRuleCounts)
        {
            if (!actual.RuleCounts.TryGetValue(chain, out var count))
            {
                differences.Add($"chain {chain} is missing");
            }
            else if (count != expected)
            {
                differences.Add($"chain {chain} has {count} rules, expected {expected}");
            }
        }

        differences.AddRange(actual.RuleCounts.Keys
            .Where(chain => !expectedRuleCounts.ContainsKey(chain))
            .Select(chain => $"chain {chain} is not expected"));

        var expectedPrefixes = RangeMerging.MergePrefixes(protectedPrefixes).ToHashSet();
        if (!expectedPrefixes.SetEquals(actual.ProtectedPrefixes))
        {
            differences.Add(
                $"set {TableLayout.ProtectedSet} has {actual.ProtectedPrefixes.Count} prefixes, expected " +
                    $"{expectedPrefixes.Count}");
        }

        foreach (var (host, jobId) in hostOwners)
        {
            var expectedChain = TableLayout.JobChain(jobId);
            if (!actual.HostChains.TryGetValue(host, out var chain))
            {
                differences.Add($"host {host} is missing from map {TableLayout.JobHostsMap}");
            }
            else if (chain != expectedChain)
            {
                differences.Add($"host {host} jumps to {chain}, expected {expectedChain}");
            }
        }

        differences.AddRange(actual.HostChains.Keys
            .Where(host => !hostOwners.ContainsKey(host))
            .Select(host => $"host {host} is in map {TableLayout.JobHostsMap} but belongs to no job"));

        return differences;
    }

    /// <summary>Reads the host to chain pairs of the job map from a JSON listing of the map or of the table.</summary>
    public static Dictionary<IPAddress, string> ReadMappedHosts(string listing) => ReadListing(listing).HostChains;

    private static TableListing ReadListing(string listing)
    {
        var result = new TableListing();
        using var document = JsonDocument.Parse(listing);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("chain", out var chain))
            {
                result.RuleCounts.TryAdd(chain.GetProperty("name").GetString()!, 0);
            }
            else if (item.TryGetProperty("rule", out var rule))
            {
                var name = rule.GetProperty("chain").GetString()!;
                result.RuleCounts[name] = result.RuleCounts.GetValueOrDefault(name) + 1;
            }
            else if (item.TryGetProperty("set", out var set)
                && set.GetProperty("name").GetString() == TableLayout.ProtectedSet)
            {
                ReadProtectedPrefixes(set, result.ProtectedPrefixes);
            }
            else if (item.TryGetProperty("map", out var map)
                && map.GetProperty("name").GetString() == TableLayout.JobHostsMap)
            {
                ReadHostChains(map, result.HostChains);
            }
        }

        return result;
    }

    private static void ReadProtectedPrefixes(JsonElement set, HashSet<Ipv6Prefix> prefixes)
    {
        if (!set.TryGetProperty("elem", out var elements))
        {
            return;
        }

        foreach (var element in elements.EnumerateArray())
        {
            // nftables lists a /128 as a bare address and other networks as prefix objects. The agent never
            // writes a range, so a range is skipped and the prefix count then reports the difference.
            var text = element.ValueKind == JsonValueKind.String ? element.GetString()
                : element.TryGetProperty("prefix", out var network)
                    ? $"{network.GetProperty("addr").GetString()}/{network.GetProperty("len").GetInt32()}"
                    : null;
            if (text is not null && Ipv6Prefix.TryParse(text, out var prefix))
            {
                prefixes.Add(prefix);
            }
        }
    }

    private static void ReadHostChains(JsonElement map, Dictionary<IPAddress, string> hostChains)
    {
        if (!map.TryGetProperty("elem", out var elements))
        {
            return;
        }

        foreach (var element in elements.EnumerateArray())
        {
            var key = element[0].GetString()!;
            var verdict = element[1];
            var target = verdict.TryGetProperty("jump", out var jump)
                ? jump.GetProperty("target").GetString()!
                : verdict.GetRawText();
            if (Ipv6Prefix.TryParseAddress(key, out var host))
            {
                hostChains[host] = target;
            }
        }
    }

    private sealed class TableListing
    {
        public Dictionary<string, int> RuleCounts { get; } = new(StringComparer.Ordinal);

        public HashSet<Ipv6Prefix> ProtectedPrefixes { get; } = [];

        public Dictionary<IPAddress, string> HostChains { get; } = [];
    }
}
