using System.Globalization;
using System.Net;
using System.Text;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Rendering;

/// <summary>
/// Renders nftables scripts for <c>nft -f</c> from typed rules. Every value written comes from an
/// <see cref="IPAddress"/>, an <see cref="Ipv6Prefix"/>, an integer port or a job id, never from request text.
/// </summary>
/// <remarks>
/// The forward chain dispatches new inbound traffic on the destination address through the <c>job_hosts</c>
/// verdict map into one chain per job. Each job chain has five fixed rules that look up four named sets of the
/// job, so one job's change touches only that job's chain, sets and map elements. Named sets replace anonymous
/// sets in each rule because nft 1.0.6 took 202 s to load 10,010 openings written as one rule with anonymous
/// sets each, against 1.6 s in this layout (docs/performance.md).
/// A job's change writes sets, rules and map elements only inside <c>add set</c>, <c>add map</c> and
/// <c>add chain</c> declarations, and gives each generation new sets. nft 1.0.6 lists every chain and set of
/// every table before a transaction that has an <c>add element</c>, <c>add rule</c>, <c>flush set</c> or any
/// <c>delete</c> command, which took 2.2 s with 100,000 other openings, and it lists nothing more than the
/// tables for declarations and <c>flush chain</c>.
/// </remarks>
public static class NftRenderer
{
    private static readonly string[] Protocols = ["tcp", "udp"];

    private const string HostsMapDefinition = "type ipv6_addr : verdict;";

    /// <summary>
    /// Renders one job's change as a single transaction: creates the sets of the job's generation, replaces the
    /// rules of the job's chain, removes the map elements of <paramref name="unmappedHosts"/> and maps
    /// <paramref name="mappedHosts"/> to the job's chain. A job without rules loses its chain and the sets of
    /// <paramref name="previousGeneration"/>. The sets of an earlier generation of a job that keeps rules stay
    /// in the table, and the caller deletes them later with <see cref="RenderSetDeletion"/>.
    /// </summary>
    /// <remarks>
    /// Removing map elements and removing a job still make nft 1.0.6 list the table's chains and sets first, so
    /// these changes grow with the number of other jobs.
    /// </remarks>
    public static string RenderJobChange(
        string table,
        JobFirewallRules job,
        long? previousGeneration,
        IReadOnlyCollection<IPAddress> unmappedHosts,
        IReadOnlyCollection<IPAddress> mappedHosts)
    {
        var chain = TableLayout.JobChain(job.JobId);
        var script = new StringBuilder();
        if (job.Rules.Count == 0)
        {
            script.Append(CultureInfo.InvariantCulture, $"flush chain {TableLayout.Family} {table} {chain}\n");
            AppendElementDeletion(
                script, table, TableLayout.JobHostsMap, unmappedHosts.Select(host => host.ToString()));
            script.Append(CultureInfo.InvariantCulture, $"delete chain {TableLayout.Family} {table} {chain}\n");
            if (previousGeneration is { } previous)
            {
                script.Append(RenderSetDeletion(table, TableLayout.JobSets(job.JobId, previous)));
            }

            return script.ToString();
        }

        AppendJobSets(script, table, job);
        script.Append(CultureInfo.InvariantCulture, $"add chain {TableLayout.Family} {table} {chain}\n");
        script.Append(CultureInfo.InvariantCulture, $"flush chain {TableLayout.Family} {table} {chain}\n");
        AppendChain(script, table, chain, null, JobChainRules(job.JobId, job.Generation));
        AppendElementDeletion(script, table, TableLayout.JobHostsMap, unmappedHosts.Select(host => host.ToString()));
        AppendHostsMap(script, table, mappedHosts.Select(host => $"{host} : jump {chain}"));
        return script.ToString();
    }

    /// <summary>
    /// Renders the whole table as a single transaction that deletes the table and writes it again with every
    /// job and the given host owners. The script declares the table first, so that the delete cannot fail.
    /// </summary>
    public static string RenderRebuild(
        string table,
        IReadOnlyList<Ipv6Prefix> protectedPrefixes,
        IEnumerable<JobFirewallRules> jobs,
        IReadOnlyDictionary<IPAddress, long> hostOwners)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"table {TableLayout.Family} {table}\n");
        script.Append(CultureInfo.InvariantCulture, $"delete table {TableLayout.Family} {table}\n");
        AppendBaseTable(script, table, protectedPrefixes);

        foreach (var job in jobs.Where(job => job.Rules.Count > 0))
        {
            AppendJobSets(script, table, job);
            AppendChain(script, table, TableLayout.JobChain(job.JobId), null, JobChainRules(job.JobId, job.Generation));
        }

        AppendHostsMap(script, table, hostOwners.Select(owner =>
            $"{owner.Key} : jump {TableLayout.JobChain(owner.Value)}"));
        return script.ToString();
    }

    /// <summary>Renders the table with its forward chain, protected prefixes and an empty job map.</summary>
    public static string RenderBaseTable(string table, IReadOnlyList<Ipv6Prefix> protectedPrefixes)
    {
        var script = new StringBuilder();
        AppendBaseTable(script, table, protectedPrefixes);
        return script.ToString();
    }

    /// <summary>Renders one transaction that deletes the given sets, or an empty script without sets.</summary>
    public static string RenderSetDeletion(string table, IEnumerable<string> sets)
    {
        var script = new StringBuilder();
        foreach (var set in sets)
        {
            script.Append(CultureInfo.InvariantCulture, $"delete set {TableLayout.Family} {table} {set}\n");
        }

        return script.ToString();
    }

    /// <summary>Renders the rules of a job's chain at one generation.</summary>
    public static IReadOnlyList<string> JobChainRules(long jobId, long generation) =>
    [
        // Every destination that reaches this chain through the map has an opening of this job.
        "meta l4proto ipv6-icmp accept",
        $"ip6 daddr . meta l4proto . th dport @{TableLayout.TcpUdpSet(jobId, generation)} accept",
        $"ip6 daddr . ip6 saddr . meta l4proto . th dport @{TableLayout.TcpUdpFromSourcesSet(jobId, generation)} " +
            "accept",
        $"ip6 daddr @{TableLayout.AllSet(jobId, generation)} accept",
        $"ip6 daddr . ip6 saddr @{TableLayout.AllFromSourcesSet(jobId, generation)} accept",
    ];

    private static void AppendJobSets(StringBuilder script, string table, JobFirewallRules job)
    {
        var elements = JobSetElements.From(job);
        var (jobId, generation) = (job.JobId, job.Generation);
        AppendSet(script, table, TableLayout.TcpUdpSet(jobId, generation),
            "type ipv6_addr . inet_proto . inet_service; flags interval;",
            elements.TcpUdp.SelectMany(item =>
                Protocols.Select(protocol => $"{item.Host} . {protocol} . {FormatPorts(item.Ports)}")));
        AppendSet(script, table, TableLayout.TcpUdpFromSourcesSet(jobId, generation),
            "type ipv6_addr . ipv6_addr . inet_proto . inet_service; flags interval;",
            elements.TcpUdpFromSources.SelectMany(item =>
                Protocols.Select(protocol => $"{item.Host} . {item.Source} . {protocol} . {FormatPorts(item.Ports)}")));
        AppendSet(script, table, TableLayout.AllSet(jobId, generation), "type ipv6_addr;",
            elements.All.Select(host => host.ToString()));
        AppendSet(script, table, TableLayout.AllFromSourcesSet(jobId, generation),
            "type ipv6_addr . ipv6_addr; flags interval;",
            elements.AllFromSources.Select(item => $"{item.Host} . {item.Source}"));
    }

    private static void AppendBaseTable(StringBuilder script, string table, IReadOnlyList<Ipv6Prefix> protectedPrefixes)
    {
        var family = TableLayout.Family;
        script.Append(CultureInfo.InvariantCulture, $"add table {family} {table}\n");
        AppendSet(script, table, TableLayout.ProtectedSet, "type ipv6_addr; flags interval;",
            RangeMerging.MergePrefixes(protectedPrefixes).Select(prefix => prefix.ToString()));
        script.Append(CultureInfo.InvariantCulture,
            $"add map {family} {table} {TableLayout.JobHostsMap} {{ {HostsMapDefinition} }}\n");
        script.Append(CultureInfo.InvariantCulture,
            $"add chain {family} {table} {TableLayout.ForwardChain} {{ type filter hook forward priority filter; " +
                $"policy accept; }}\n");
        script.Append(CultureInfo.InvariantCulture, $"flush chain {family} {table} {TableLayout.ForwardChain}\n");

        // Traffic that leaves the protected prefixes or stays among them is not inbound from outside.
        // A job chain that matches nothing returns here, so the final drop closes what no opening allows.
        string[] forwardRules =
        [
            $"ip6 daddr != @{TableLayout.ProtectedSet} accept",
            "ct state established,related accept",
            $"ip6 saddr @{TableLayout.ProtectedSet} accept",
            $"ip6 daddr vmap @{TableLayout.JobHostsMap}",
            "drop",
        ];
        AppendChain(script, table, TableLayout.ForwardChain,
            "type filter hook forward priority filter; policy accept;", forwardRules);
    }

    /// <summary>Appends an <c>add chain</c> declaration that appends the rules to the chain.</summary>
    private static void AppendChain(
        StringBuilder script, string table, string chain, string? definition, IEnumerable<string> rules)
    {
        script.Append(CultureInfo.InvariantCulture, $"add chain {TableLayout.Family} {table} {chain} {{ ");
        if (definition is not null)
        {
            script.Append(definition).Append(' ');
        }

        foreach (var rule in rules)
        {
            script.Append(rule).Append("; ");
        }

        script.Append("}\n");
    }

    /// <summary>
    /// Appends an <c>add set</c> declaration with its elements inside, which nft adds without a listing.
    /// </summary>
    private static void AppendSet(
        StringBuilder script, string table, string set, string definition, IEnumerable<string> elements)
    {
        script.Append(CultureInfo.InvariantCulture, $"add set {TableLayout.Family} {table} {set} {{ {definition}");
        AppendInlineElements(script, elements);
        script.Append(" }\n");
    }

    private static void AppendHostsMap(StringBuilder script, string table, IEnumerable<string> elements)
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            return;
        }

        script.Append(CultureInfo.InvariantCulture,
            $"add map {TableLayout.Family} {table} {TableLayout.JobHostsMap} {{ {HostsMapDefinition}");
        AppendInlineElements(script, list);
        script.Append(" }\n");
    }

    private static void AppendInlineElements(StringBuilder script, IEnumerable<string> elements)
    {
        var list = elements.ToList();
        if (list.Count > 0)
        {
            script.Append(" elements = { ");
            script.AppendJoin(", ", list);
            script.Append(" }");
        }
    }

    /// <summary>Appends one <c>delete element</c> command, or nothing without elements.</summary>
    private static void AppendElementDeletion(StringBuilder script, string table, string set,
        IEnumerable<string> elements)
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            return;
        }

        script.Append(CultureInfo.InvariantCulture, $"delete element {TableLayout.Family} {table} {set} {{ ");
        script.AppendJoin(", ", list);
        script.Append(" }\n");
    }

    private static string FormatPorts(PortRange range) => range.First == range.Last
        ? range.First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}");
}
