using System.Net;

namespace G5kFw.Api.Tests.Http;

[Collection(ApiServicesDefinition.Name)]
public class IdentityTests(ApiFixture api)
{
    private const string NoUser = "No user is authenticated. Call the API through the testbed's API gateway, " +
        "which authenticates users and passes the login in the X-Api-User-CN header.";

    private string BobForbidden =>
        $"User bob may not read or change the openings of job {api.AliceHostJob} on site " +
        $"{ApiFixture.Site}, which belongs to alice. Only the job's owner and the administrators may.";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("(unknown)")]
    [InlineData("UNKNOWN")]
    public async Task Missing_user_gets_401(string? user)
    {
        using var client = api.ClientFor(user);

        var response = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, NoUser);
    }

    [Fact]
    public async Task Header_from_untrusted_address_is_ignored()
    {
        await using var gatewayOnly = ApiFactory.Create(api.Rabbit, api.ConnectionString,
            ("Identity:TrustedProxies:0", "2001:db8::1"));
        using var client = api.ClientFor("alice", gatewayOnly);

        var response = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, NoUser);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("carol")]
    public async Task Owner_and_administrator_may_read(string user)
    {
        using var client = api.ClientFor(user);

        var response = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Json.AssertAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Other_user_gets_403()
    {
        using var client = api.ClientFor("bob");

        var get = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));
        var delete = await client.DeleteAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Problem.AssertAsync(get, HttpStatusCode.Forbidden, BobForbidden);
        await Problem.AssertAsync(delete, HttpStatusCode.Forbidden, BobForbidden);
    }

    [Fact]
    public async Task Other_user_cannot_post()
    {
        using var client = api.ClientFor("bob");
        var host = await ApiFixture.FirstHostAsync(api.AliceHostJob);

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob),
            Json.Body($$"""[{"addr": "{{host.Address}}", "port": 22}]"""));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, BobForbidden);
    }

    [Theory]
    [InlineData("alice", "bob")]
    [InlineData("alice", "alice")]
    public async Task Repeated_user_header_gets_400(string first, string second)
    {
        // HttpClient joins the values of a header into one line, so the request is written by hand.
        using var client = api.ClientFor(null);
        var address = client.BaseAddress!;
        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(address.Host, address.Port);
        await using var stream = connection.GetStream();
        var request = $"GET {ApiFixture.JobPath(api.AliceHostJob)} HTTP/1.1\r\nHost: {address.Authority}\r\n" +
            $"X-Api-User-CN: {first}\r\nX-Api-User-CN: {second}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.Contains(
            "The X-Api-User-CN header appears 2 times. The API gateway must send it once, with the login of the " +
            "authenticated user.", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_login_is_shortened_in_403()
    {
        var login = new string('x', 5000);
        using var client = api.ClientFor(login);

        var response = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden,
            $"User {new string('x', 64)}... may not read or change the openings of job {api.AliceHostJob} on site " +
            $"{ApiFixture.Site}, which belongs to alice. Only the job's owner and the administrators may.");
    }

    [Theory]
    [InlineData("alice", HttpStatusCode.OK)]
    [InlineData("bob", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Head_runs_checks_of_get(string? user, HttpStatusCode status)
    {
        using var client = api.ClientFor(user);
        using var request = new HttpRequestMessage(HttpMethod.Head, ApiFixture.JobPath(api.AliceHostJob));

        var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
