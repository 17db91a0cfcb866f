using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Rules;

public class Ipv6PrefixTests
{
    [Theory]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("2001:db8::1/128", "2001:db8::1/128")]
    [InlineData("2001:DB8:0:0::/48", "2001:db8::/48")]
    [InlineData("::/0", "::/0")]
    public void TryParse_AcceptsAddressesAndNetworks(string text, string expected)
    {
        Assert.True(Ipv6Prefix.TryParse(text, out var prefix));
        Assert.Equal(expected, prefix.ToString());
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1/129")]
    [InlineData("2001:db8::1/64")]
    [InlineData("2001:db8::/-1")]
    [InlineData("2001:db8::/ 64")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::1; flush ruleset")]
    [InlineData("")]
    public void TryParse_RejectsInvalidText(string text)
    {
        Assert.False(Ipv6Prefix.TryParse(text, out _));
    }

    [Fact]
    public void Contains_ComparesNetworkBounds()
    {
        Assert.True(Ipv6Prefix.TryParse("2001:db8::/32", out var wide));
        Assert.True(Ipv6Prefix.TryParse("2001:db8:5::/48", out var narrow));

        Assert.True(wide.Contains(narrow));
        Assert.False(narrow.Contains(wide));
    }
}
