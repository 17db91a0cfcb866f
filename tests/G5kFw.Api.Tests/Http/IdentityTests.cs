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
}
