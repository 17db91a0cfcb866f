using System.Text;
using G5kFw.Api.Openings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Tests.Openings;

public class OpeningParserTests
{
    private static (IReadOnlyList<ParsedOpening> Openings, IReadOnlyList<OpeningError> Errors) Parse(string body) =>
        OpeningParser.Parse(Encoding.UTF8.GetBytes(body));

    private static OpeningError SingleError(string body)
    {
        var (openings, errors) = Parse(body);
        Assert.Empty(openings);
        return Assert.Single(errors);
    }

    [Theory]
    [InlineData("", "The request body is empty. Send a JSON array of openings.")]
    [InlineData("{\"addr\": \"2001:db8::1\", \"port\": 80}",
        "The request body is a JSON object, not an array. Send a JSON array of openings, also for a single opening.")]
    [InlineData("[]", "The request body is an empty array. Send at least one opening.")]
    [InlineData("\"x\"",
        "The request body is a JSON string, not an array. Send a JSON array of openings, also for a single opening.")]
    public void Body_errors_name_the_problem(string body, string message)
    {
        var error = SingleError(body);

        Assert.Null(error.Opening);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Body_not_json_is_rejected()
    {
        var error = SingleError("[{\"addr\": ");

        Assert.Null(error.Opening);
        Assert.StartsWith("The request body is not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" Send a JSON array of openings.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "port", 38)]
    [InlineData(new byte[] { 0xC3 }, "addr", 24)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "member", 43)]
    public void Invalid_utf8_is_rejected_with_offset(byte[] invalid, string place, int offset)
    {
        // Builds [{"addr": "2001:db8:1::1", "port": "22"}] with the invalid bytes in the named place.
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes("[{\"addr\": \"2001:db8:1::1"));
        body.AddRange(place == "addr" ? invalid : []);
        body.AddRange(Encoding.UTF8.GetBytes("\", \"port\": \"22"));
        body.AddRange(place == "port" ? invalid : []);
        body.AddRange(Encoding.UTF8.GetBytes("\""));
        if (place == "member")
        {
            body.AddRange(Encoding.UTF8.GetBytes(", \"f"));
            body.AddRange(invalid);
            body.AddRange(Encoding.UTF8.GetBytes("\": 1"));
        }

        body.AddRange(Encoding.UTF8.GetBytes("}]"));

        var (openings, errors) = OpeningParser.Parse(body.ToArray());

        Assert.Empty(openings);
        var error = Assert.Single(errors);
        Assert.Null(error.Opening);
        Assert.Equal(
            $"The request body is not valid UTF-8: the byte 0x{invalid[0]:X2} at offset {offset} does not start a " +
                "valid sequence. Send the JSON text in UTF-8.",
            error.Message);
    }

    [Theory]
    [InlineData("""[{"addr": "2001:db8::1", "port": [""]}]""")]
    [InlineData("""[{"addr": "2001:db8::1", "port": [" "]}]""")]
    [InlineData("""[{"addr": "2001:db8::1", "port": ["", 22]}]""")]
    public void Blank_port_in_array_is_rejected(string body)
    {
        var (openings, errors) = Parse(body);

        Assert.Empty(openings);
        var error = Assert.Single(errors);
        Assert.Equal(0, error.Opening);
        Assert.Equal("port", error.Field);
        Assert.Contains("is an empty string, not a port", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"addr": "2001:db8:1::1", "port": "\ud800"}]""", "\"\\ud800\"")]
    [InlineData("""[{"addr": ["2001:db8:1::1", "\udfff"], "port": 22}]""", "\"\\udfff\"")]
    public void Lone_surrogate_is_rejected(string body, string text)
    {
        var error = SingleError(body);

        Assert.Null(error.Opening);
        Assert.StartsWith($"The request body contains the string {text}, which", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80, "foo": 1}]""", "foo", "1",
        "Opening 0: the member \"foo\" is unknown. The members of an opening are addr, port, proto and src_addr.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80, "proto": "icmp"}]""", "proto", "icmp",
        "Opening 0: proto \"icmp\" is unknown. Use \"tcp+udp\" (the default) or \"all\".")]
    [InlineData("""[{"addr": "2001:db8::1"}]""", "port", null,
        "Opening 0: port is missing or empty, and proto \"tcp+udp\" needs ports. " +
        "Give one or more ports, or set proto \"all\" to open every protocol.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80, "proto": "all"}]""", "port", "80",
        "Opening 0: port is given, but proto \"all\" opens every port. Remove port, or set proto \"tcp+udp\".")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 70000}]""", "port", "70000",
        "Opening 0: port \"70000\" is not a port between 1 and 65535.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 0}]""", "port", "0",
        "Opening 0: port \"0\" is not a port between 1 and 65535.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "80 65536"}]""", "port", "65536",
        "Opening 0: port \"65536\" is not a port between 1 and 65535.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "http"}]""", "port", "http",
        "Opening 0: port \"http\" is not a port or a range. Write a port such as 80 or a range such as 8000..8080.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "80-90"}]""", "port", "80-90",
        "Opening 0: port \"80-90\" is not a port or a range. Write a port such as 80 or a range such as 8000..8080.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "80..."}]""", "port", "80...",
        "Opening 0: port \"80...\" is not a port or a range. Write a port such as 80 or a range such as 8000..8080.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "90..80"}]""", "port", "90..80",
        "Opening 0: port \"90..80\" is a reversed range. Write it as 80..90.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80.5}]""", "port", "80.5",
        "Opening 0: port \"80.5\" is not a port between 1 and 65535.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": [true]}]""", "port", "true",
        "Opening 0: port \"true\" is not a port. Write ports as integers or strings such as \"80\" or \"8000..8080\".")]
    [InlineData("""[{"port": 80}]""", "addr", null,
        "Opening 0: addr is missing. Give one or more IPv6 host addresses or host names.")]
    [InlineData("""[{"addr": "", "port": 80}]""", "addr", "\"\"",
        "Opening 0: addr is empty. Give one or more IPv6 host addresses or host names.")]
    [InlineData("""[{"addr": [], "port": 80}]""", "addr", "[]",
        "Opening 0: addr is empty. Give one or more IPv6 host addresses or host names.")]
    [InlineData("""[{"addr": 12, "port": 80}]""", "addr", "12",
        "Opening 0: addr \"12\" is not a string or an array of strings. Write addresses and names as strings.")]
    [InlineData("""[{"addr": "2001:db8::/64", "port": 80}]""", "addr", "2001:db8::/64",
        "Opening 0: addr \"2001:db8::/64\" is a network, but addr takes only host addresses, bare or with /128.")]
    [InlineData("""[{"addr": "192.0.2.1", "port": 80}]""", "addr", "192.0.2.1",
        "Opening 0: addr \"192.0.2.1\" is an IPv4 address, but the firewalls open only IPv6 destinations and sources.")]
    [InlineData("""[{"addr": "::ffff:192.0.2.1", "port": 80}]""", "addr", "::ffff:192.0.2.1",
        "Opening 0: addr \"::ffff:192.0.2.1\" is an IPv4-mapped address, but the firewalls open only IPv6. " +
        "Give the host's IPv6 address.")]
    [InlineData("""[{"addr": "fe80::1%eth0", "port": 80}]""", "addr", "fe80::1%eth0",
        "Opening 0: addr \"fe80::1%eth0\" has a zone id, which only has a meaning on one host. Remove the %zone part.")]
    [InlineData("""[{"addr": "2001:db8::1/129", "port": 80}]""", "addr", "2001:db8::1/129",
        "Opening 0: addr \"2001:db8::1/129\" has an invalid prefix length. " +
        "Write a length from 0 to 128 after the slash.")]
    [InlineData("""[{"addr": "2001:db8::g", "port": 80}]""", "addr", "2001:db8::g",
        "Opening 0: addr \"2001:db8::g\" is not a valid IPv6 address.")]
    [InlineData("""[{"addr": "bad_name.example.org", "port": 80}]""", "addr", "bad_name.example.org",
        "Opening 0: addr \"bad_name.example.org\" is neither an IPv6 address nor a valid host name.")]
    [InlineData("""[{"addr": "ff02::1", "port": 80}]""", "addr", "ff02::1",
        "Opening 0: addr \"ff02::1\" is not a host address.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80, "src_addr": "2001:db8::1/64"}]""", "src_addr", "2001:db8::1/64",
        "Opening 0: src_addr \"2001:db8::1/64\" has bits set after the /64 prefix. " +
        "Write the network as 2001:db8::/64.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 80, "src_addr": "198.51.100.0/24"}]""", "src_addr",
        "198.51.100.0/24",
        "Opening 0: src_addr \"198.51.100.0/24\" is an IPv4 address, but the firewalls open only IPv6 destinations " +
        "and sources.")]
    [InlineData("""[{"addr": "2001:db8::1", "addr": "2001:db8::2", "port": 80}]""", "addr", "\"2001:db8::2\"",
        "Opening 0: the member \"addr\" appears more than once. Keep one.")]
    public void Opening_error_names_index_field_and_value(string body, string field, string? value, string message)
    {
        var error = SingleError(body);

        Assert.Equal(0, error.Opening);
        Assert.Equal(field, error.Field);
        Assert.Equal(value, error.Value);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Opening_not_object_is_rejected()
    {
        var error = SingleError("""[{"addr": "2001:db8::1", "port": 80}, 42]""");

        Assert.Equal(1, error.Opening);
        Assert.Null(error.Field);
        Assert.Equal("42", error.Value);
        Assert.Equal("Opening 1 is a JSON number, not an object. " +
            "Write each opening as an object with addr and, as needed, port, proto and src_addr.", error.Message);
    }

    [Fact]
    public void Errors_of_several_openings_are_all_listed()
    {
        var (openings, errors) = Parse("""
            [{"addr": "2001:db8::1", "port": 80},
             {"addr": "192.0.2.1", "port": "0 http"}]
            """);

        Assert.Empty(openings);
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal(1, e.Opening));
        Assert.Equal(["addr", "port", "port"], errors.Select(e => e.Field));
        Assert.Equal(["192.0.2.1", "0", "http"], errors.Select(e => e.Value));
    }

    [Fact]
    public void String_and_array_forms_parse_alike()
    {
        var (fromStrings, stringErrors) = Parse("""
            [{"addr": "2001:db8::1 node-1.example.org", "port": "22 80 8000..8080",
              "src_addr": "2001:db8:ff::/48 2001:db8::9"}]
            """);
        var (fromArrays, arrayErrors) = Parse("""
            [{"addr": ["2001:db8::1", "node-1.example.org"], "port": [22, "80", "8000..8080"],
              "src_addr": ["2001:db8:ff::/48", "2001:db8::9"]}]
            """);

        Assert.Empty(stringErrors);
        Assert.Empty(arrayErrors);
        var stringForm = Assert.Single(fromStrings);
        var arrayForm = Assert.Single(fromArrays);
        Assert.Equal(stringForm.Destinations, arrayForm.Destinations);
        Assert.Equal(stringForm.Ports, arrayForm.Ports);
        Assert.Equal(stringForm.Sources, arrayForm.Sources);
        Assert.Equal(OpeningProtocol.TcpUdp, stringForm.Protocol);
        Assert.Equal([new PortRange(22, 22), new PortRange(80, 80), new PortRange(8000, 8080)], stringForm.Ports);
    }

    [Fact]
    public void Proto_all_takes_no_port()
    {
        var (openings, errors) = Parse("""[{"addr": "2001:db8::1/128", "proto": "all"}]""");

        Assert.Empty(errors);
        var opening = Assert.Single(openings);
        Assert.Equal(OpeningProtocol.All, opening.Protocol);
        Assert.Empty(opening.Ports);
        Assert.Null(opening.Sources);
    }

    [Fact]
    public void Null_members_count_as_absent()
    {
        var (openings, errors) = Parse("""[{"addr": "2001:db8::1", "port": null, "proto": "all", "src_addr": null}]""");

        Assert.Empty(errors);
        Assert.Null(Assert.Single(openings).Sources);
    }

    [Fact]
    public void Body_with_byte_order_mark_parses()
    {
        var json = Encoding.UTF8.GetBytes("""[{"addr": "2001:db8::1", "port": 22}]""");
        var body = Encoding.UTF8.GetPreamble().Concat(json);

        var (openings, errors) = OpeningParser.Parse(body.ToArray());

        Assert.Empty(errors);
        Assert.Single(openings);
    }
}
