using System.Net;
using G5kFw.Api.Identity;

namespace G5kFw.Api.Tests.Identity;

public class CallerIdentityTests
{
    private static readonly CallerIdentity Default = new(new IdentitySettings { Administrators = ["Root-Admin"] });

    [Theory]
    [InlineData("127.0.0.1", "Alice", "alice")]
    [InlineData("::1", " BOB ", "bob")]
    [InlineData("::ffff:127.0.0.1", "alice", "alice")]
    [InlineData("127.0.0.1", "", null)]
    [InlineData("127.0.0.1", "unknown", null)]
    [InlineData("127.0.0.1", "(Unknown)", null)]
    [InlineData("127.0.0.1", null, null)]
    [InlineData("2001:db8::5", "alice", null)]
    [InlineData("192.0.2.7", "alice", null)]
    public void Header_counts_only_from_loopback_by_default(string remote, string? header, string? expected) =>
        Assert.Equal(expected, Default.FindCaller(IPAddress.Parse(remote), header));

    [Fact]
    public void Configured_proxies_replace_loopback()
    {
        var identity = new CallerIdentity(new IdentitySettings { TrustedProxies = ["2001:db8::/64", "192.0.2.7"] });

        Assert.Equal("alice", identity.FindCaller(IPAddress.Parse("2001:db8::5"), "alice"));
        Assert.Equal("alice", identity.FindCaller(IPAddress.Parse("192.0.2.7"), "alice"));
        Assert.Null(identity.FindCaller(IPAddress.Parse("127.0.0.1"), "alice"));
    }

    [Fact]
    public void Administrators_match_without_case() => Assert.True(Default.IsAdministrator("root-admin"));

    [Fact]
    public void Invalid_proxy_setting_is_rejected()
    {
        var exception = Assert.Throws<Infrastructure.Settings.SettingsException>(
            () => new CallerIdentity(new IdentitySettings { TrustedProxies = ["gateway"] }));

        Assert.Equal("Setting 'Identity:TrustedProxies' has the entry \"gateway\", which is not an IP address or " +
            "network. Write entries such as 127.0.0.1, ::1 or 2001:db8::/64.", exception.Message);
    }
}
