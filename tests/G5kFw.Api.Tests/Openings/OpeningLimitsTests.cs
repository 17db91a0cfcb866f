using G5kFw.Api.Openings;
using G5kFw.Api.Settings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Tests.Openings;

public class OpeningLimitsTests
{
    private static readonly LimitSettings Limits = new()
    {
        MaxOpeningsPerRequest = 2,
        MaxAddressesPerRequest = 3,
        MaxPortsPerRequest = 4,
        MaxOpeningsPerJob = 3,
        MaxAddressesPerJob = 4,
        MaxPortsPerJob = 5,
    };

    private static Opening Opening(int addresses, int ports, int sources = 0) => new(
        Enumerable.Range(1, addresses).Select(i => $"2001:db8::{i:x}/128").ToList(),
        Enumerable.Range(1, ports).Select(i => new PortRange(i, i)).ToList(),
        OpeningProtocol.TcpUdp,
        sources == 0 ? null : Enumerable.Range(1, sources).Select(i => $"2001:db8:ff::{i:x}/128").ToList());

    [Theory]
    [InlineData(2, 3, 4, null)]
    [InlineData(3, 3, 4,
        "The request has 3 openings, more than the limit of 2. Split the openings into several requests.")]
    [InlineData(2, 4, 4,
        "The request has 4 addresses, more than the limit of 3. Split the openings into several requests.")]
    [InlineData(2, 3, 5,
        "The request has 5 ports and port ranges, more than the limit of 4. Split the openings into several requests.")]
    public void Request_limits_name_count_and_limit(int openings, int addresses, int ports, string? expected) =>
        Assert.Equal(expected, OpeningLimits.CheckRequest(openings, addresses, ports, Limits));

    [Fact]
    public void Job_within_limits_passes() =>
        Assert.Null(OpeningLimits.CheckJob(5, [Opening(2, 2), Opening(1, 3, sources: 1)], Limits));

    [Fact]
    public void Job_over_opening_limit_is_rejected() =>
        Assert.Equal("Job 5 would have 4 openings, more than the limit of 3 per job. " +
            "Remove the job's openings with DELETE, then add fewer.",
            OpeningLimits.CheckJob(5, [Opening(1, 1), Opening(1, 1), Opening(1, 1), Opening(1, 1)], Limits));

    [Fact]
    public void Job_over_address_limit_counts_sources() =>
        Assert.Equal("Job 5 would have 5 addresses, more than the limit of 4 per job. " +
            "Remove the job's openings with DELETE, then add fewer.",
            OpeningLimits.CheckJob(5, [Opening(2, 1), Opening(1, 1, sources: 2)], Limits));

    [Fact]
    public void Job_over_port_limit_is_rejected() =>
        Assert.Equal("Job 5 would have 6 ports and port ranges, more than the limit of 5 per job. " +
            "Remove the job's openings with DELETE, then add fewer.",
            OpeningLimits.CheckJob(5, [Opening(1, 3), Opening(1, 3)], Limits));
}
