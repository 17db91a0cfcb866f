using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using G5kFw.Api.Openings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Tests.Openings;

public class OpeningNormalizerTests
{
    private static readonly Dictionary<string, IReadOnlyList<IPAddress>> NoNames = [];

    private static readonly JsonSerializerOptions RelaxedJson =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IReadOnlyList<Opening> Normalize(
        string body, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>>? names = null)
    {
        var (parsed, errors) = OpeningParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Empty(errors);
        return OpeningNormalizer.Normalize(parsed, names ?? NoNames);
    }

    [Fact]
    public void Upper_case_and_expanded_forms_make_one_opening()
    {
        var openings = Normalize("""
            [{"addr": "2001:DB8::A", "port": 80},
             {"addr": "2001:0db8:0000:0000:0000:0000:0000:000a/128", "port": "80"},
             {"addr": ["2001:db8::a", "2001:db8:0:0::A"], "port": [80, 80]}]
            """);

        var opening = Assert.Single(openings);
        Assert.Equal(["2001:db8::a/128"], opening.Addresses);
        Assert.Equal([new PortRange(80, 80)], opening.Ports);
    }

    [Fact]
    public void Addresses_are_written_in_rfc_5952_form_and_sorted()
    {
        var opening = Assert.Single(Normalize("""
            [{"addr": "2001:db8:0:0:1:0:0:1 2001:0DB8::0001", "port": 22,
              "src_addr": "2001:db8:00ff::/48 2001:db8::1:0:0:2/128"}]
            """));

        Assert.Equal(["2001:db8::1/128", "2001:db8::1:0:0:1/128"], opening.Addresses);
        Assert.Equal(["2001:db8::1:0:0:2/128", "2001:db8:ff::/48"], opening.Sources);
    }

    [Theory]
    [InlineData("::102:304", "::102:304/128")]
    [InlineData("::1.2.3.4", "::102:304/128")]
    [InlineData("2001:db8:0:0:1::1", "2001:db8::1:0:0:1/128")]
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1/128")]
    [InlineData("2001:db8::0:1", "2001:db8::1/128")]
    [InlineData("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1/128")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1/128")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1/128")]
    [InlineData("1::", "1::/128")]
    [InlineData("::2", "::2/128")]
    public void Address_text_follows_rfc_5952(string address, string expected)
    {
        var opening = Assert.Single(Normalize($$"""[{"addr": "{{address}}", "port": 22}]"""));

        Assert.Equal([expected], opening.Addresses);
    }

    [Fact]
    public void Names_become_their_addresses()
    {
        var names = new Dictionary<string, IReadOnlyList<IPAddress>>
        {
            ["node-1-ipv6.example.org"] = [IPAddress.Parse("2001:db8:1::1"), IPAddress.Parse("2001:db8:1::1:1")],
        };

        var opening = Assert.Single(Normalize(
            """[{"addr": "Node-1-IPv6.example.org. 2001:db8:1::1", "proto": "all"}]""", names));

        Assert.Equal(["2001:db8:1::1/128", "2001:db8:1::1:1/128"], opening.Addresses);
        Assert.Equal(OpeningProtocol.All, opening.Protocol);
    }

    [Fact]
    public void Overlapping_ports_merge_and_adjacent_stay_apart()
    {
        var merged = OpeningNormalizer.MergePorts(
            [new(8000, 8080), new(23, 23), new(22, 22), new(8050, 9000), new(8080, 8080), new(22, 22)]);

        Assert.Equal([new PortRange(22, 22), new PortRange(23, 23), new PortRange(8000, 9000)], merged);
    }

    [Fact]
    public void Openings_with_and_without_sources_stay_apart()
    {
        var openings = Normalize("""
            [{"addr": "2001:db8::1", "port": 22},
             {"addr": "2001:db8::1", "port": 22, "src_addr": "2001:db8:ff::/48"}]
            """);

        Assert.Equal(2, openings.Count);
        Assert.Null(openings[0].Sources);
        Assert.Equal(["2001:db8:ff::/48"], openings[1].Sources);
    }

    [Fact]
    public void View_writes_the_rigid_response_form()
    {
        var views = OpeningView.From(Normalize("""
            [{"addr": "2001:DB8::1", "port": "443 8000..8080"},
             {"addr": "2001:db8::2", "proto": "all", "src_addr": "2001:db8:ff::/48"}]
            """));

        var json = JsonSerializer.Serialize(views, RelaxedJson);

        Assert.Equal(
            """[{"addr":["2001:db8::1/128"],"port":[443,"8000..8080"],"proto":"tcp+udp"},""" +
            """{"addr":["2001:db8::2/128"],"port":[],"proto":"all","src_addr":["2001:db8:ff::/48"]}]""",
            json);
    }
}
