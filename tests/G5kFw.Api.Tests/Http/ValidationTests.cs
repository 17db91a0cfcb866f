using System.Text;
using System.Net;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Tests.Http;

[Collection(ApiServicesDefinition.Name)]
public class ValidationTests(ApiFixture api)
{
    [Theory]
    [InlineData("not json", null)]
    [InlineData("""{"addr": "2001:db8::1", "port": 22}""",
        "The request body is a JSON object, not an array. Send a JSON array of openings, also for a single opening.")]
    [InlineData("[]", "The request body is an empty array. Send at least one opening.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 22, "comment": "x"}]""",
        "Opening 0: the member \"comment\" is unknown. The members of an opening are addr, port, proto and src_addr.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 22, "proto": "udp"}]""",
        "Opening 0: proto \"udp\" is unknown. Use \"tcp+udp\" (the default) or \"all\".")]
    [InlineData("""[{"addr": "2001:db8::1"}]""",
        "Opening 0: port is missing or empty, and proto \"tcp+udp\" needs ports. " +
        "Give one or more ports, or set proto \"all\" to open every protocol.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 22, "proto": "all"}]""",
        "Opening 0: port is given, but proto \"all\" opens every port. Remove port, or set proto \"tcp+udp\".")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "22 99999"}]""",
        "Opening 0: port \"99999\" is not a port between 1 and 65535.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "ssh"}]""",
        "Opening 0: port \"ssh\" is not a port or a range. Write a port such as 80 or a range such as 8000..8080.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": "2000..1000"}]""",
        "Opening 0: port \"2000..1000\" is a reversed range. Write it as 1000..2000.")]
    [InlineData("""[{"addr": "", "port": 22}]""",
        "Opening 0: addr is empty. Give one or more IPv6 host addresses or host names.")]
    [InlineData("""[{"addr": "2001:db8::/64", "port": 22}]""",
        "Opening 0: addr \"2001:db8::/64\" is a network, but addr takes only host addresses, bare or with /128.")]
    [InlineData("""[{"addr": "192.0.2.10", "port": 22}]""",
        "Opening 0: addr \"192.0.2.10\" is an IPv4 address, but the firewalls open only IPv6 destinations " +
        "and sources.")]
    [InlineData("""[{"addr": "::ffff:192.0.2.10", "port": 22}]""",
        "Opening 0: addr \"::ffff:192.0.2.10\" is an IPv4-mapped address, but the firewalls open only IPv6. " +
        "Give the host's IPv6 address.")]
    [InlineData("""[{"addr": "fe80::1%eth0", "port": 22}]""",
        "Opening 0: addr \"fe80::1%eth0\" has a zone id, which only has a meaning on one host. Remove the %zone part.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 22, "src_addr": "2001:db8:ff::1/48"}]""",
        "Opening 0: src_addr \"2001:db8:ff::1/48\" has bits set after the /48 prefix. " +
        "Write the network as 2001:db8:ff::/48.")]
    [InlineData("""[{"addr": "nosuch-ipv6.rennes.example.org", "port": 22}]""",
        "Opening 0: addr \"nosuch-ipv6.rennes.example.org\" has no IPv6 address, because the name does not exist " +
        "in DNS. Check the name, or give the IPv6 address instead.")]
    [InlineData("""[{"addr": "2001:db8::1", "port": 22}, {"addr": "2001:db8::1", "port": 22}, """ +
        """{"addr": "2001:db8::1", "port": 22}, {"addr": "2001:db8::1", "port": 22}, """ +
        """{"addr": "2001:db8::1", "port": 22}, {"addr": "2001:db8::1", "port": 22}]""",
        "The request has 6 openings, more than the limit of 5. Split the openings into several requests.")]
    public async Task Invalid_body_gets_400_and_reaches_no_bus(string body, string? message)
    {
        using var client = api.ClientFor("alice");
        var received = api.Saga.Received.Count;

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob), Json.Body(body));

        if (message is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("The request body is not valid JSON", await response.Content.ReadAsStringAsync(),
                StringComparison.Ordinal);
        }
        else
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, message);
        }

        await AssertOnlyNextRequestReachesSagaAsync(client, received);
    }

    [Fact]
    public async Task Error_members_name_index_field_and_value()
    {
        using var client = api.ClientFor("alice");
        var host = await ApiFixture.FirstHostAsync(api.AliceHostJob);

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob),
            Json.Body($$"""[{"addr": "{{host.Address}}", "port": 22}, {"addr": "{{host.Address}}", "port": 0}]"""));

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest,
            "Opening 1: port \"0\" is not a port between 1 and 65535.");
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("opening").GetInt32());
        Assert.Equal("port", error.GetProperty("field").GetString());
        Assert.Equal("0", error.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Body_over_size_limit_gets_413()
    {
        using var client = api.ClientFor("alice");
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"addr": "2001:db8::1", "port": 22}""", 200)) + "]";

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob), Json.Body(body));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "The request body is larger than the limit of 4096 bytes. Split the openings into several requests.");
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(2_000_000)]
    public async Task Chunked_body_over_size_limit_gets_413(int size)
    {
        using var client = api.ClientFor("alice");
        var body = Encoding.UTF8.GetBytes("[" + new string(' ', size) + "]");

        using var request = new HttpRequestMessage(HttpMethod.Post, ApiFixture.JobPath(api.AliceHostJob))
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "The request body is larger than the limit of 4096 bytes. Split the openings into several requests.");
    }

    /// <summary>
    /// Posts a valid opening and checks that the saga stand-in received it and nothing else since
    /// <paramref name="receivedBefore"/>. Requests reach the stand-in in order, so an invalid request that had
    /// been sent would be there too.
    /// </summary>
    private async Task AssertOnlyNextRequestReachesSagaAsync(HttpClient client, int receivedBefore)
    {
        var host = await ApiFixture.FirstHostAsync(api.AliceHostJob);
        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob),
            Json.Body($$"""[{"addr": "{{host.Address}}", "port": 5000}]"""));

        await Json.AssertAsync(response, HttpStatusCode.OK);
        var request = Assert.IsType<OpeningRequested>(Assert.Single(api.Saga.Received.Skip(receivedBefore)));
        Assert.Equal(api.AliceHostJob, request.JobId);
    }
}
