using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Tests.Rules;

public class RangeMergingTests
{
    [Fact]
    public void MergePorts_JoinsOverlappingAndTouchingRanges()
    {
        var merged = RangeMerging.MergePorts([new(1000, 2000), new(80, 80), new(1500, 2500), new(81, 90), new(2501,
            2501)]);

        Assert.Equal([new PortRange(80, 90), new PortRange(1000, 2501)], merged);
    }

    [Fact]
    public void MergePorts_KeepsRangesWithAGap()
    {
        var merged = RangeMerging.MergePorts([new(22, 22), new(24, 30)]);

        Assert.Equal([new PortRange(22, 22), new PortRange(24, 30)], merged);
    }

    [Fact]
    public void MergePorts_DropsDuplicatesAndContainedRanges()
    {
        var merged = RangeMerging.MergePorts([new(80, 80), new(80, 80), new(1, 65535), new(443, 443)]);

        Assert.Equal([new PortRange(1, 65535)], merged);
    }

    [Fact]
    public void MergePrefixes_DropsContainedPrefixes()
    {
        var merged = RangeMerging.MergePrefixes(
            [Prefix("2001:db8:1::5/128"), Prefix("2001:db8:1::/64"), Prefix("2001:db8:2::/64"), Prefix(
                "2001:db8:1::/64")]);

        Assert.Equal([Prefix("2001:db8:1::/64"), Prefix("2001:db8:2::/64")], merged);
    }

    [Fact]
    public void MergePrefixes_KeepsNarrowerPrefixOutsideWiderOne()
    {
        var merged = RangeMerging.MergePrefixes([Prefix("2001:db8:1::/48"), Prefix("2001:db8:2:1::/64")]);

        Assert.Equal(2, merged.Count);
    }

    [Fact]
    public void SubtractPorts_CutsHolesAndEdges()
    {
        var remaining = RangeMerging.SubtractPorts([new(10, 50), new(60, 60)], [new(5, 12), new(20, 30), new(50, 60)]);

        Assert.Equal([new PortRange(13, 19), new PortRange(31, 49)], remaining);
    }

        private static Ipv6Prefix Prefix(string text) =>
        Ipv6Prefix.TryParse(text, out var prefix) ? prefix : throw new ArgumentException($"Invalid prefix {text}",
            nameof(text));
}
