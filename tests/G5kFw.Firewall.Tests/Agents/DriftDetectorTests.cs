using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Agents;

public class DriftDetectorTests
{
    // Trimmed output of `nft -j list table ip6 g5kfw` from nftables 1.0.6 after a rebuild with job 7.
    private const string Listing = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
         {"table": {"family": "ip6", "name": "g5kfw", "handle": 1}},
         {"set": {"family": "ip6", "name": "protected", "table": "g5kfw", "type": "ipv6_addr", "flags": ["interval"],
                  "elem": [{"prefix": {"addr": "2001:db8:2::", "len": 48}}]}},
         {"map": {"family": "ip6", "name": "job_hosts", "table": "g5kfw", "type": "ipv6_addr", "map": "verdict",
                  "elem": [["2001:db8:2::10", {"jump": {"target": "job_7"}}]]}},
         {"chain": {"family": "ip6", "table": "g5kfw", "name": "forward"}},
         {"chain": {"family": "ip6", "table": "g5kfw", "name": "job_7"}},
         {"rule": {"chain": "forward"}}, {"rule": {"chain": "forward"}}, {"rule": {"chain": "forward"}},
         {"rule": {"chain": "forward"}}, {"rule": {"chain": "forward"}},
         {"rule": {"chain": "job_7"}}, {"rule": {"chain": "job_7"}}, {"rule": {"chain": "job_7"}},
         {"rule": {"chain": "job_7"}}, {"rule": {"chain": "job_7"}}]}
        """;

    private static readonly IPAddress Node1 = IPAddress.Parse("2001:db8:2::10");

    [Fact]
    public void FindDifferences_ReturnsNothingForMatchingTable()
    {
        var differences = DriftDetector.FindDifferences(
            Listing, Protected(), [Job(7)], new Dictionary<IPAddress, long> { [Node1] = 7 });

        Assert.Empty(differences);
    }

    [Fact]
    public void FindDifferences_ReportsMissingMapElement()
    {
        var listing = Listing.Replace(
            """[["2001:db8:2::10", {"jump": {"target": "job_7"}}]]""", "[]", StringComparison.Ordinal);

        var differences = DriftDetector.FindDifferences(
            listing, Protected(), [Job(7)], new Dictionary<IPAddress, long> { [Node1] = 7 });

        Assert.Equal(["host 2001:db8:2::10 is missing from map job_hosts"], differences);
    }

    [Fact]
    public void FindDifferences_ReportsMissingRulesAndChains()
    {
        var differences = DriftDetector.FindDifferences(
            Listing, Protected(), [Job(7), Job(8)], new Dictionary<IPAddress, long> { [Node1] = 7 });

        Assert.Equal(["chain job_8 is missing"], differences);
    }

    [Fact]
    public void FindDifferences_ReportsFlushedTable()
    {
        const string flushed = """{"nftables": [{"table": {"family": "ip6", "name": "g5kfw", "handle": 1}}]}""";

        var differences = DriftDetector.FindDifferences(
            flushed, Protected(), [Job(7)], new Dictionary<IPAddress, long> { [Node1] = 7 });

        Assert.Contains("chain forward is missing", differences);
        Assert.Contains("chain job_7 is missing", differences);
        Assert.Contains("set protected has 0 prefixes, expected 1", differences);
        Assert.Contains("host 2001:db8:2::10 is missing from map job_hosts", differences);
    }

    [Fact]
    public void FindDifferences_ReportsUnexpectedChain()
    {
        var differences = DriftDetector.FindDifferences(Listing, Protected(), [], new Dictionary<IPAddress, long>());

        Assert.Contains("chain job_7 is not expected", differences);
        Assert.Contains("host 2001:db8:2::10 is in map job_hosts but belongs to no job", differences);
    }

    private static IReadOnlyList<Ipv6Prefix> Protected() =>
        Ipv6Prefix.TryParse("2001:db8:2::/48", out var prefix) ? [prefix] : throw new InvalidOperationException();

    private static JobFirewallRules Job(long jobId) => JobRulesParser.Parse(new JobRules(
        "rennes", jobId, 1, [new Opening(["2001:db8:2::10/128"], [new(22, 22)], OpeningProtocol.TcpUdp, null)]));
}
