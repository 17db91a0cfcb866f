using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Agents;

public class HostChangeTests
{
    private static readonly IPAddress Node1 = IPAddress.Parse("2001:db8:2::10");
    private static readonly IPAddress Node2 = IPAddress.Parse("2001:db8:2::11");

    [Fact]
    public void Plan_TakesHostFromEarlierJob()
    {
        var change = HostChange.Plan(Job(42, Node1), new Dictionary<IPAddress, long> { [Node1] = 41 });

        Assert.Equal([Node1], change.Unmapped);
        Assert.Equal([Node1], change.Mapped);
        Assert.Empty(change.KeptByLaterJobs);
    }

    [Fact]
    public void Plan_LeavesHostToLaterJob()
    {
        var change = HostChange.Plan(Job(41, Node1), new Dictionary<IPAddress, long> { [Node1] = 42 });

        Assert.Empty(change.Unmapped);
        Assert.Empty(change.Mapped);
        Assert.Equal([(Node1, 42L)], change.KeptByLaterJobs);
    }

    [Fact]
    public void Plan_UnmapsOnlyHostsTheJobDropped()
    {
        var owners = new Dictionary<IPAddress, long> { [Node1] = 42, [Node2] = 42 };

        var change = HostChange.Plan(Job(42, Node1), owners);

        Assert.Equal([Node2], change.Unmapped);
        Assert.Empty(change.Mapped);
    }

    [Fact]
    public void AssignOwners_GivesSharedHostToLatestJob()
    {
        var owners = HostChange.AssignOwners([Job(42, Node1, Node2), Job(41, Node1)]);

        Assert.Equal(42, owners[Node1]);
        Assert.Equal(42, owners[Node2]);
    }

    private static JobFirewallRules Job(long jobId, params IPAddress[] hosts) => JobRulesParser.Parse(new JobRules(
        "rennes", jobId, 1, [new Opening(hosts.Select(host => $"{host}/128").ToList(), [new(22, 22)],
            OpeningProtocol.TcpUdp, null)]));
}
