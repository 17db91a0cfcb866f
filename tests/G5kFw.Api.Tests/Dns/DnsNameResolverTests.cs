using System.Net;
using G5kFw.Api.Dns;
using Microsoft.Extensions.Logging.Abstractions;

namespace G5kFw.Api.Tests.Dns;

public class DnsNameResolverTests(OwnDnsServer dns) : IClassFixture<OwnDnsServer>
{
    private static DnsNameResolver ResolverFor(IPEndPoint server) => new(
        DnsNameResolver.CreateLookupClient(new DnsSettings { Servers = [server.ToString()], TimeoutSeconds = 1 }),
        NullLogger<DnsNameResolver>.Instance);

    [Fact]
    public async Task Name_with_aaaa_resolves()
    {
        var resolution = await ResolverFor(dns.EndPoint).ResolveAsync("v6.test.example", CancellationToken.None);

        Assert.Equal(NameResolutionStatus.Resolved, resolution.Status);
        Assert.Equal([IPAddress.Parse("2001:db8:5::1")], resolution.Addresses);
    }

    [Fact]
    public async Task Name_with_only_ipv4_has_no_address()
    {
        var resolution = await ResolverFor(dns.EndPoint).ResolveAsync("v4only.test.example", CancellationToken.None);

        Assert.Equal(NameResolutionStatus.NoAddress, resolution.Status);
        Assert.Equal("the name has no IPv6 address (AAAA record)", resolution.Detail);
    }

    [Fact]
    public async Task Unknown_name_has_no_address()
    {
        var resolution = await ResolverFor(dns.EndPoint).ResolveAsync("nosuch.test.example", CancellationToken.None);

        Assert.Equal(NameResolutionStatus.NoAddress, resolution.Status);
        Assert.Equal("the name does not exist in DNS", resolution.Detail);
    }

    [Fact]
    public async Task Silent_server_is_a_failure()
    {
        var silent = new IPEndPoint(IPAddress.Loopback, OwnDnsServer.FreeUdpPort());

        var resolution = await ResolverFor(silent).ResolveAsync("v6.test.example", CancellationToken.None);

        Assert.Equal(NameResolutionStatus.Failed, resolution.Status);
        Assert.Empty(resolution.Addresses);
    }
}
