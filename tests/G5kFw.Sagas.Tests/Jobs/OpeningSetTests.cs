using G5kFw.Contracts.Openings;
using G5kFw.Sagas.Jobs;

namespace G5kFw.Sagas.Tests.Jobs;

public sealed class OpeningSetTests
{
    private static Opening Opening(string address, int port, IReadOnlyList<string>? sources = null) =>
        new([address], [new PortRange(port, port)], OpeningProtocol.TcpUdp, sources);

    [Fact]
    public void FindNewSkipsEqualOpenings()
    {
        var existing = new[] { Opening("2001:db8::1/128", 22) };

        var added = OpeningSet.FindNew(existing, [Opening("2001:db8::1/128", 22), Opening("2001:db8::1/128", 80)]);

        Assert.Equal(80, Assert.Single(added).Ports[0].First);
    }

    [Fact]
    public void FindNewAddsRepeatedRequestOnce()
    {
        var added = OpeningSet.FindNew([], [Opening("2001:db8::1/128", 22), Opening("2001:db8::1/128", 22)]);

        Assert.Single(added);
    }

    [Fact]
    public void KeyIgnoresListOrder()
    {
        var first = new Opening(["2001:db8::1/128", "2001:db8::2/128"], [], OpeningProtocol.All, null);
        var second = new Opening(["2001:db8::2/128", "2001:db8::1/128"], [], OpeningProtocol.All, null);

        Assert.Equal(OpeningSet.Key(first), OpeningSet.Key(second));
    }

    [Fact]
    public void KeySeparatesAnySourceFromListedSources()
    {
        var any = Opening("2001:db8::1/128", 22);
        var listed = Opening("2001:db8::1/128", 22, ["2001:db8:ff::/48"]);

        Assert.NotEqual(OpeningSet.Key(any), OpeningSet.Key(listed));
    }
}
