using System.Net;

namespace G5kFw.Api.Tests.Http;

[Collection(ApiServicesDefinition.Name)]
public sealed class OpeningsTests(ApiFixture api) : IAsyncLifetime
{
    private readonly HttpClient _client = api.ClientFor("alice");
    private JobHost _host = null!;

    private string Path => ApiFixture.JobPath(api.AliceHostJob);

    public async Task InitializeAsync()
    {
        _host = await ApiFixture.FirstHostAsync(api.AliceHostJob);
        api.Saga.Mode = SagaReplyMode.Applied;
        await Json.AssertAsync(await _client.DeleteAsync(Path), HttpStatusCode.OK);
    }

    public Task DisposeAsync()
    {
        api.Saga.Mode = SagaReplyMode.Applied;
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Post_answers_added_openings_in_rigid_form()
    {
        var response = await _client.PostAsync(Path, Json.Body($$"""
            [{"addr": "{{_host.Ipv6Name}}", "port": "22 8000..8080"},
             {"addr": "{{_host.Address}}", "proto": "all", "src_addr": "2001:db8:ff::/48"}]
            """));

        var body = await Json.AssertAsync(response, HttpStatusCode.OK);
        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[22,"8000..8080"],"proto":"tcp+udp"},""" +
            $$"""{"addr":["{{_host.Address}}/128"],"port":[],"proto":"all","src_addr":["2001:db8:ff::/48"]}]""",
            body);
        Assert.Equal(body, await Json.AssertAsync(await _client.GetAsync(Path), HttpStatusCode.OK));
    }

    [Fact]
    public async Task String_and_array_forms_make_one_opening()
    {
        var expanded = string.Join(':', System.Net.IPAddress.Parse(_host.Address).GetAddressBytes()
            .Chunk(2).Select(pair => $"{pair[0]:X2}{pair[1]:X2}"));

        var first = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": "443"}]"""));
        var second = await _client.PostAsync(Path, Json.Body($$"""[{"addr": ["{{expanded}}/128"], "port": [443]}]"""));

        var expected = $$"""[{"addr":["{{_host.Address}}/128"],"port":[443],"proto":"tcp+udp"}]""";
        Assert.Equal(expected, await Json.AssertAsync(first, HttpStatusCode.OK));
        Assert.Equal("[]", await Json.AssertAsync(second, HttpStatusCode.OK));
        Assert.Equal(expected, await Json.AssertAsync(await _client.GetAsync(Path), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Unversioned_path_and_form_content_type_work()
    {
        var response = await _client.PostAsync(ApiFixture.JobPath(api.AliceHostJob, version: ""),
            Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 25}]""", "application/x-www-form-urlencoded"));

        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[25],"proto":"tcp+udp"}]""",
            await Json.AssertAsync(response, HttpStatusCode.OK));
        var versioned = await _client.GetAsync(ApiFixture.JobPath(api.AliceHostJob, version: "4.0"));
        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[25],"proto":"tcp+udp"}]""",
            await Json.AssertAsync(versioned, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Pending_firewall_gets_202()
    {
        api.Saga.Mode = SagaReplyMode.Pending;

        var response = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 80}]"""));

        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[80],"proto":"tcp+udp"}]""",
            await Json.AssertAsync(response, HttpStatusCode.Accepted));
    }

    [Fact]
    public async Task Missing_saga_reply_gets_202()
    {
        api.Saga.Mode = SagaReplyMode.Silent;

        var post = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 81}]"""));
        var delete = await _client.DeleteAsync(Path);

        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[81],"proto":"tcp+udp"}]""",
            await Json.AssertAsync(post, HttpStatusCode.Accepted));
        await Json.AssertAsync(delete, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Request_outlives_reply_timeout_on_bus()
    {
        api.Saga.Mode = SagaReplyMode.Silent;

        var post = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 82}]"""));

        await Json.AssertAsync(post, HttpStatusCode.Accepted);
        var request = api.Saga.Received.OfType<Contracts.Openings.OpeningRequested>()
            .Last(r => r.Openings.Any(o => o.Ports.Any(p => p.First == 82)));
        var (sentTime, expirationTime) = api.Saga.Lifetimes[request.RequestId];
        Assert.NotNull(sentTime);
        Assert.NotNull(expirationTime);

        // The API waited 3 s for a reply. A request that expired with that wait would be lost behind the 202.
        Assert.True(expirationTime.Value - sentTime.Value >= TimeSpan.FromDays(6),
            $"The request expires {expirationTime.Value - sentTime.Value} after it was sent.");
    }

    [Fact]
    public async Task Request_carries_per_job_limits()
    {
        var post = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 83}]"""));

        await Json.AssertAsync(post, HttpStatusCode.OK);
        var request = api.Saga.Received.OfType<Contracts.Openings.OpeningRequested>()
            .Last(r => r.Openings.Any(o => o.Ports.Any(p => p.First == 83)));
        Assert.NotNull(request.Limits);
        Assert.Equal(6, request.Limits.MaxOpenings);
    }

    [Fact]
    public async Task Rejected_request_gets_409()
    {
        api.Saga.Mode = SagaReplyMode.Rejected;

        var response = await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 82}]"""));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict,
            $"The openings of job {api.AliceHostJob} were not added: OAR reported that the job ended.");
    }

    [Fact]
    public async Task Delete_answers_removed_openings()
    {
        await _client.PostAsync(Path, Json.Body($$"""[{"addr": "{{_host.Address}}", "port": 8443}]"""));

        var response = await _client.DeleteAsync(Path);

        Assert.Equal(
            $$"""[{"addr":["{{_host.Address}}/128"],"port":[8443],"proto":"tcp+udp"}]""",
            await Json.AssertAsync(response, HttpStatusCode.OK));
        Assert.Equal("[]", await Json.AssertAsync(await _client.GetAsync(Path), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Openings_over_job_limit_get_409()
    {
        var ports = Enumerable.Range(1000, 5).Select(port => $$"""{"addr": "{{_host.Address}}", "port": {{port}}}""");
        await Json.AssertAsync(
            await _client.PostAsync(Path, Json.Body($"[{string.Join(',', ports)}]")), HttpStatusCode.OK);

        var response = await _client.PostAsync(Path, Json.Body($$"""
            [{"addr": "{{_host.Address}}", "port": 2000}, {"addr": "{{_host.Address}}", "port": 2001}]
            """));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict,
            $"Job {api.AliceHostJob} would have 7 openings, more than the limit of 6 per job. " +
            "Remove the job's openings with DELETE, then add fewer.");
    }
}
