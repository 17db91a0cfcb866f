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
/// NOTE: a job change still slows down as other jobs grow (34 ms at 10,000 and 2.2 s at 100,000 other
/// openings), because nft 1.0.6 loads every chain and set of the table before each transaction.
/// </remarks>
public static class NftRenderer
{
    private static readonly string[] Protocols = ["tcp", "udp"];

    /// <summary>
    /// Renders one job's change as a single transaction: replaces the job's chain and sets, removes the map
    /// elements of <paramref name="unmappedHosts"/> and maps <paramref name="mappedHosts"/> to the job's chain.
    /// A job without rules loses its chain and sets.
    /// </summary>
    public static string RenderJobChange(
        string table,
        JobFirewallRules job,
        IReadOnlyCollection<IPAddress> unmappedHosts,
        IReadOnlyCollection<IPAddress> mappedHosts)
    {
        var chain = TableLayout.JobChain(job.JobId);
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"add chain {TableLayout.Family} {table} {chain}\n");
        script.Append(CultureInfo.InvariantCulture, $"flush chain {TableLayout.Family} {table} {chain}\n");
        AppendJobSets(script, table, job.JobId, flush: true);
        AppendElements(script, "delete", table, TableLayout.JobHostsMap, unmappedHosts.Select(host => host.ToString()));

        if (job.Rules.Count == 0)
        {
            script.Append(CultureInfo.InvariantCulture, $"delete chain {TableLayout.Family} {table} {chain}\n");
            foreach (var set in JobSets(job.JobId))
            {
                script.Append(CultureInfo.InvariantCulture, $"delete set {TableLayout.Family} {table} {set.Name}\n");
            }

            return script.ToString();
        }

        AppendRules(script, table, chain, JobChainRules(job.JobId));
        AppendJobElements(script, table, job);
        AppendElements(script, "add", table, TableLayout.JobHostsMap, mappedHosts.Select(host => $"{host} : jump {chain}"));
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
            var chain = TableLayout.JobChain(job.JobId);
            script.Append(CultureInfo.InvariantCulture, $"add chain {TableLayout.Family} {table} {chain}\n");
            AppendJobSets(script, table, job.JobId, flush: false);
            AppendRules(script, table, chain, JobChainRules(job.JobId));
            AppendJobElements(script, table, job);
        }

        AppendElements(script, "add", table, TableLayout.JobHostsMap,
            hostOwners.Select(owner => $"{owner.Key} : jump {TableLayout.JobChain(owner.Value)}"));
        return script.ToString();
    }

    /// <summary>Renders the table with its forward chain, protected prefixes and an empty job map.</summary>
    public static string RenderBaseTable(string table, IReadOnlyList<Ipv6Prefix> protectedPrefixes)
    {
        var script = new StringBuilder();
        AppendBaseTable(script, table, protectedPrefixes);
        return script.ToString();
    }

    /// <summary>Renders the rules of a job's chain, without the <c>add rule</c> prefix.</summary>
    public static IReadOnlyList<string> JobChainRules(long jobId) =>
    [
        // Every destination that reaches this chain through the map has an opening of this job.
        "meta l4proto ipv6-icmp accept",
        $"ip6 daddr . meta l4proto . th dport @{TableLayout.TcpUdpSet(jobId)} accept",
        $"ip6 daddr . ip6 saddr . meta l4proto . th dport @{TableLayout.TcpUdpFromSourcesSet(jobId)} accept",
        $"ip6 daddr @{TableLayout.AllSet(jobId)} accept",
        $"ip6 daddr . ip6 saddr @{TableLayout.AllFromSourcesSet(jobId)} accept",
    ];

    private static (string Name, string Definition)[] JobSets(long jobId) =>
    [
        (TableLayout.TcpUdpSet(jobId), "type ipv6_addr . inet_proto . inet_service; flags interval;"),
        (TableLayout.TcpUdpFromSourcesSet(jobId), "type ipv6_addr . ipv6_addr . inet_proto . inet_service; flags interval;"),
        (TableLayout.AllSet(jobId), "type ipv6_addr;"),
        (TableLayout.AllFromSourcesSet(jobId), "type ipv6_addr . ipv6_addr; flags interval;"),
    ];

    private static void AppendJobSets(StringBuilder script, string table, long jobId, bool flush)
    {
        foreach (var (name, definition) in JobSets(jobId))
        {
            script.Append(CultureInfo.InvariantCulture, $"add set {TableLayout.Family} {table} {name} {{ {definition} }}\n");
            if (flush)
            {
                script.Append(CultureInfo.InvariantCulture, $"flush set {TableLayout.Family} {table} {name}\n");
            }
        }
    }

    private static void AppendJobElements(StringBuilder script, string table, JobFirewallRules job)
    {
        var elements = JobSetElements.From(job);
        AppendElements(script, "add", table, TableLayout.TcpUdpSet(job.JobId),
            elements.TcpUdp.SelectMany(item => Protocols.Select(protocol => $"{item.Host} . {protocol} . {FormatPorts(item.Ports)}")));
        AppendElements(script, "add", table, TableLayout.TcpUdpFromSourcesSet(job.JobId),
            elements.TcpUdpFromSources.SelectMany(item =>
                Protocols.Select(protocol => $"{item.Host} . {item.Source} . {protocol} . {FormatPorts(item.Ports)}")));
        AppendElements(script, "add", table, TableLayout.AllSet(job.JobId), elements.All.Select(host => host.ToString()));
        AppendElements(script, "add", table, TableLayout.AllFromSourcesSet(job.JobId),
            elements.AllFromSources.Select(item => $"{item.Host} . {item.Source}"));
    }

    private static void AppendBaseTable(StringBuilder script, string table, IReadOnlyList<Ipv6Prefix> protectedPrefixes)
    {
        var family = TableLayout.Family;
        script.Append(CultureInfo.InvariantCulture, $"add table {family} {table}\n");
        script.Append(CultureInfo.InvariantCulture,
            $"add set {family} {table} {TableLayout.ProtectedSet} {{ type ipv6_addr; flags interval; }}\n");
        AppendElements(script, "add", table, TableLayout.ProtectedSet,
            RangeMerging.MergePrefixes(protectedPrefixes).Select(prefix => prefix.ToString()));
        script.Append(CultureInfo.InvariantCulture,
            $"add map {family} {table} {TableLayout.JobHostsMap} {{ type ipv6_addr : verdict; }}\n");
        script.Append(CultureInfo.InvariantCulture,
            $"add chain {family} {table} {TableLayout.ForwardChain} {{ type filter hook forward priority filter; policy accept; }}\n");
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
        AppendRules(script, table, TableLayout.ForwardChain, forwardRules);
    }

    private static void AppendRules(StringBuilder script, string table, string chain, IEnumerable<string> rules)
    {
        foreach (var rule in rules)
        {
            script.Append(CultureInfo.InvariantCulture, $"add rule {TableLayout.Family} {table} {chain} {rule}\n");
        }
    }

    /// <summary>Appends one <c>add element</c> or <c>delete element</c> command, or nothing without elements.</summary>
    private static void AppendElements(StringBuilder script, string verb, string table, string set, IEnumerable<string> elements)
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            return;
        }

        script.Append(CultureInfo.InvariantCulture, $"{verb} element {TableLayout.Family} {table} {set} {{ ");
        script.AppendJoin(", ", list);
        script.Append(" }\n");
    }

    private static string FormatPorts(PortRange range) => range.First == range.Last
        ? range.First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}");
}
