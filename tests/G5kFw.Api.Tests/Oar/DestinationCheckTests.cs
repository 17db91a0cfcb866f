using System.Net;
using G5kFw.Api.Oar;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Tests.Oar;

public class DestinationCheckTests
{
    private static readonly OarHost WholeHost = new("node-1.site.test", 4, 4);
    private static readonly OarHost OneCore = new("node-2.site.test", 1, 4);

    private static readonly HostAddresses[] Hosts =
    [
        new(WholeHost, "node-1-ipv6.site.test", [IPAddress.Parse("2001:db8:1::1")]),
        new(OneCore, "node-2-ipv6.site.test", [IPAddress.Parse("2001:db8:1::2")]),
    ];

    private static Opening To(string address) => new([address], [new PortRange(22, 22)], OpeningProtocol.TcpUdp, null);

    [Fact]
    public void Whole_host_may_be_opened()
    {
        var job = new OarJob(7, "alice", "Running", ["noop"], [WholeHost, OneCore]);

        Assert.Null(DestinationCheck.FindRejected(job, [To("2001:db8:1::1/128")], Hosts));
    }

    [Fact]
    public void Host_with_some_cores_is_rejected()
    {
        var job = new OarJob(7, "alice", "Running", ["noop"], [WholeHost, OneCore]);

        var rejection = DestinationCheck.FindRejected(job, [To("2001:db8:1::1/128"), To("2001:db8:1::2/128")], Hosts);

        Assert.NotNull(rejection);
        Assert.Equal("2001:db8:1::2/128", rejection.Address);
        Assert.Equal("node-2.site.test", rejection.Host);
        Assert.Equal("Address 2001:db8:1::2/128 belongs to host node-2.site.test, which job 7 does not hold " +
            "exclusively: the job holds 1 of the host's 4 resources. Submit a job that reserves whole hosts, " +
            "such as oarsub -l host=1, to open a host.", rejection.Message);
    }

    [Fact]
    public void Timesharing_job_holds_no_host_exclusively()
    {
        var job = new OarJob(8, "alice", "Running", ["noop", "timesharing=*,*"], [WholeHost]);

        var rejection = DestinationCheck.FindRejected(job, [To("2001:db8:1::1/128")], Hosts[..1]);

        Assert.NotNull(rejection);
        Assert.Equal("Address 2001:db8:1::1/128 belongs to host node-1.site.test, which job 8 does not hold " +
            "exclusively: the job is of type timesharing, so other jobs may share the host. Submit a job that " +
            "reserves whole hosts, such as oarsub -l host=1, to open a host.", rejection.Message);
    }

    [Fact]
    public void Address_of_another_host_is_rejected()
    {
        var job = new OarJob(9, "alice", "Running", ["noop"], [WholeHost]);

        var rejection = DestinationCheck.FindRejected(job, [To("2001:db8:1::99/128")], Hosts[..1]);

        Assert.NotNull(rejection);
        Assert.Null(rejection.Host);
        Assert.Equal("Address 2001:db8:1::99/128 is not an address of a host that job 9 holds. The job holds " +
            "node-1.site.test (2001:db8:1::1). Open only addresses of those hosts.", rejection.Message);
    }
}
