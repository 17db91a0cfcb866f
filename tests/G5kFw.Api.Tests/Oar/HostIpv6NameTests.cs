using G5kFw.Api.Oar;

namespace G5kFw.Api.Tests.Oar;

public class HostIpv6NameTests
{
    [Theory]
    [InlineData("{short}-ipv6.{domain}", "node-3.rennes.example.org", "node-3-ipv6.rennes.example.org")]
    [InlineData("{host}-ipv6.{domain}", "node-3.rennes.example.org", "node-3-ipv6.rennes.example.org")]
    [InlineData("{fqdn}", "node-3.rennes.example.org", "node-3.rennes.example.org")]
    [InlineData("v6.{fqdn}", "node-3.rennes.example.org", "v6.node-3.rennes.example.org")]
    [InlineData("{short}-ipv6.{domain}", "node-3", "node-3-ipv6")]
    public void Pattern_derives_the_ipv6_name(string pattern, string oarName, string expected) =>
        Assert.Equal(expected, HostIpv6Name.Format(pattern, oarName));
}
