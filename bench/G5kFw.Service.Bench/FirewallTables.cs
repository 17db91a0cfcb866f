using System.Text.Json;
using G5kFw.Firewall.Nftables;

namespace G5kFw.Service.Bench;

/// <summary>
/// Reads the lab firewalls' tables through libnftables in their namespaces. Listing commits nothing, so the
/// agents' drift checks still see their own generation.
/// </summary>
internal sealed class FirewallTables : IDisposable
{
    private const string Table = "g5kfw";

    private readonly Dictionary<string, LibNftables> _namespaces;

    public FirewallTables(LabSettings lab)
    {
        _namespaces = lab.Firewalls.ToDictionary(firewall => firewall,
            firewall => new LibNftables(lab.FirewallNamespace(firewall)));
    }

    public IReadOnlyCollection<string> Firewalls => _namespaces.Keys;

    /// <summary>Returns the number of job chains with an id at or above the given one in a firewall's table.</summary>
    public async Task<int> CountJobChainsAsync(string firewall, long firstJobId, CancellationToken cancellationToken)
    {
        var chains = await ChainNamesAsync(firewall, cancellationToken);
        return chains.Count(name => name.StartsWith("job_", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(4), out var id) && id >= firstJobId);
    }

    /// <summary>Returns the number of hosts with the given prefix in the map from hosts to job chains.</summary>
    public async Task<int> CountMappedHostsAsync(string firewall, string hostPrefix,
        CancellationToken cancellationToken)
    {
        var json = await _namespaces[firewall].ListJsonAsync($"list map ip6 {Table} job_hosts", cancellationToken);
        using var document = JsonDocument.Parse(json);
        var count = 0;
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("map", out var map) || !map.TryGetProperty("elem", out var elements))
            {
                continue;
            }

            count += elements.EnumerateArray().Count(element => element.ValueKind == JsonValueKind.Array
                && element[0].ValueKind == JsonValueKind.String
                && element[0].GetString()!.StartsWith(hostPrefix, StringComparison.Ordinal));
        }

        return count;
    }

    public async Task<bool> HasJobChainAsync(string firewall, long jobId, CancellationToken cancellationToken) =>
        (await ChainNamesAsync(firewall, cancellationToken)).Contains($"job_{jobId}");

    public void Dispose()
    {
        foreach (var library in _namespaces.Values)
        {
            library.Dispose();
        }
    }

    private async Task<HashSet<string>> ChainNamesAsync(string firewall, CancellationToken cancellationToken)
    {
        var json = await _namespaces[firewall].ListJsonAsync("list chains ip6", cancellationToken);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(item => item.TryGetProperty("chain", out var chain)
                && chain.GetProperty("table").GetString() == Table)
            .Select(item => item.GetProperty("chain").GetProperty("name").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }
}
