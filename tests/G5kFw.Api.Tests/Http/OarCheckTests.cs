using System.Net;
using System.Text.Json;

namespace G5kFw.Api.Tests.Http;

[Collection(ApiServicesDefinition.Name)]
public class OarCheckTests(ApiFixture api)
{
    [Fact]
    public async Task Unknown_job_gets_404()
    {
        using var client = api.ClientFor("alice");

        var response = await client.GetAsync(ApiFixture.JobPath(987654321));

        var body = await Problem.AssertAsync(response, HttpStatusCode.NotFound,
            $"Job 987654321 does not exist on site {ApiFixture.Site}. Check the job id and the site.");
        Assert.Equal(987654321, body.GetProperty("job").GetInt64());
    }

    [Fact]
    public async Task Unknown_site_gets_404()
    {
        using var client = api.ClientFor("alice");

        var response = await client.GetAsync($"/stable/sites/atlantis/firewall/{api.AliceHostJob}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound,
            $"Site atlantis is not served by this API. The sites are: {ApiFixture.Site}.");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-4")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    public async Task Invalid_job_id_gets_400(string jobId)
    {
        using var client = api.ClientFor("alice");

        var response = await client.GetAsync($"/stable/sites/{ApiFixture.Site}/firewall/{jobId}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest,
            $"The job id \"{jobId}\" is not an OAR job id. Give the positive integer that oarsub printed.");
    }

    [Fact]
    public async Task Ended_job_gets_409_naming_state()
    {
        using var client = api.ClientFor("alice");

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceEndedJob),
            Json.Body("""[{"addr": "2001:db8:1::1", "port": 22}]"""));

        var body = await Problem.AssertAsync(response, HttpStatusCode.Conflict,
            $"Job {api.AliceEndedJob} on site {ApiFixture.Site} is Terminated, not Running. " +
            "Openings can be added only while the job runs.");
        Assert.Equal("Terminated", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Job_with_some_cores_cannot_open_host()
    {
        using var client = api.ClientFor("bob");
        var host = await ApiFixture.FirstHostAsync(api.BobCoreJob);

        var response = await client.PostAsync(ApiFixture.JobPath(api.BobCoreJob),
            Json.Body($$"""[{"addr": "{{host.Ipv6Name}}", "port": 22}]"""));

        var body = await Problem.AssertAsync(response, HttpStatusCode.Forbidden,
            $"Address {host.Address}/128 belongs to host {host.Name}, which job {api.BobCoreJob} does not hold " +
            "exclusively: the job holds 1 of the host's 4 resources. Submit a job that reserves whole hosts, " +
            "such as oarsub -l host=1, to open a host.");
        Assert.Equal($"{host.Address}/128", body.GetProperty("address").GetString());
        Assert.Equal(host.Name, body.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Host_of_another_job_is_rejected()
    {
        using var client = api.ClientFor("alice");
        var own = await ApiFixture.FirstHostAsync(api.AliceHostJob);
        var other = await ApiFixture.FirstHostAsync(api.BobCoreJob);

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob),
            Json.Body($$"""[{"addr": "{{own.Address}} {{other.Address}}", "port": 22}]"""));

        var body = await Problem.AssertAsync(response, HttpStatusCode.Forbidden,
            $"Address {other.Address}/128 is not an address of a host that job {api.AliceHostJob} holds. " +
            $"The job holds {own.Name} ({own.Address}). Open only addresses of those hosts.");
        Assert.Equal($"{other.Address}/128", body.GetProperty("address").GetString());
        Assert.Equal(JsonValueKindNull, body.GetProperty("host").ValueKind);
    }

    [Fact]
    public async Task Timesharing_job_cannot_open_host()
    {
        var jobId = await OarJobs.SubmitRunningAsync("alice", "host=1", "-t 'timesharing=*,*'");
        try
        {
            using var client = api.ClientFor("alice");
            var host = await ApiFixture.FirstHostAsync(jobId);

            var response = await client.PostAsync(ApiFixture.JobPath(jobId),
                Json.Body($$"""[{"addr": "{{host.Address}}", "proto": "all"}]"""));

            await Problem.AssertAsync(response, HttpStatusCode.Forbidden,
                $"Address {host.Address}/128 belongs to host {host.Name}, which job {jobId} does not hold " +
                "exclusively: the job is of type timesharing, so other jobs may share the host. Submit a job that " +
                "reserves whole hosts, such as oarsub -l host=1, to open a host.");
        }
        finally
        {
            await OarJobs.EndAsync("alice", jobId);
        }
    }

    [Fact]
    public async Task Silent_name_server_gets_503()
    {
        var silent = $"127.0.0.1:{Dns.OwnDnsServer.FreeUdpPort()}";
        await using var factory = ApiFactory.Create(api.Rabbit, api.ConnectionString, ("Dns:Servers:0", silent));
        using var client = api.ClientFor("alice", factory);
        var host = await ApiFixture.FirstHostAsync(api.AliceHostJob);

        var response = await client.PostAsync(ApiFixture.JobPath(api.AliceHostJob),
            Json.Body($$"""[{"addr": "{{host.Address}}", "port": 22}]"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = body.GetProperty("message").GetString();
        Assert.StartsWith($"The name servers did not answer for {host.Ipv6Name} (", message, StringComparison.Ordinal);
        Assert.EndsWith(
            "). Retry later, and if the failure persists, ask the operators to check the Dns:Servers setting.",
            message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_oar_database_gets_503()
    {
        var closedPort = Dns.OwnDnsServer.FreeUdpPort();
        await using var factory = ApiFactory.Create(api.Rabbit, api.ConnectionString,
            ($"Sites:{ApiFixture.Site}:Oar:ConnectionString",
                $"Host=127.0.0.1;Port={closedPort};Username=oar_ro;Password=oar_ro;Database=oar;Timeout=2"));
        using var client = api.ClientFor("alice", factory);

        var response = await client.GetAsync(ApiFixture.JobPath(api.AliceHostJob));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable,
            "The service failed to process the request. Retry later, and if the failure persists, " +
            "give the operators the traceId of this response.");
    }

    private const JsonValueKind JsonValueKindNull = JsonValueKind.Null;
}
