using DnsClient;
using G5kFw.Api.Dns;
using G5kFw.Api.Oar;
using G5kFw.Api.Settings;
using G5kFw.Testing;

namespace G5kFw.Api.Tests.Http;

/// <summary>
/// One API with its own database and RabbitMQ virtual host, the saga stand-in, and three OAR jobs: alice's
/// whole host, bob's single core and alice's ended job. The HTTP tests share it, because the local OAR server
/// has only four hosts.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public RabbitMqVirtualHost Rabbit { get; private set; } = null!;

    public SagaStandIn Saga { get; private set; } = null!;

    public ApiFactory Factory { get; private set; } = null!;

    public long AliceHostJob { get; private set; }

    public long BobCoreJob { get; private set; }

    public long AliceEndedJob { get; private set; }

    public static string Site => LocalSite.Name;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("api");
        Rabbit = await RabbitMqServer.CreateVirtualHostAsync("api");
        Saga = await SagaStandIn.StartAsync(Rabbit, ConnectionString);
        Factory = ApiFactory.Create(Rabbit, ConnectionString);

        AliceHostJob = await OarJobs.SubmitRunningAsync("alice", "host=1");
        BobCoreJob = await OarJobs.SubmitRunningAsync("bob", "core=1");
        AliceEndedJob = await OarJobs.SubmitRunningAsync("alice", "core=1");
        await OarJobs.EndAsync("alice", AliceEndedJob);
    }

    /// <summary>Creates a client that calls the API as <paramref name="user"/> through a loopback gateway.</summary>
    public HttpClient ClientFor(string? user, ApiFactory? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-User-CN", user);
        }

        return client;
    }

    /// <summary>Returns the OAR name, IPv6 name and IPv6 address of the first host of the job.</summary>
    public static async Task<JobHost> FirstHostAsync(long jobId)
    {
        var sites = new Dictionary<string, SiteSettings>
        {
            [Site] = new() { Oar = new OarSettings { ConnectionString = LocalSite.OarConnectionString } },
        };
        var oarSettings = new G5kFw.Oar.OarSettings();
        oarSettings.Sites[Site] = new G5kFw.Oar.OarSiteSettings { ConnectionString = LocalSite.OarConnectionString };
        await using var reader = new G5kFw.Oar.OarJobReader(oarSettings);
        var job = await reader.GetJobAsync(Site, jobId, CancellationToken.None);
        var host = job!.Hosts[0];
        var ipv6Name = HostIpv6Name.Format(sites[Site].HostIpv6NamePattern, host);
        var lookup = DnsNameResolver.CreateLookupClient(new DnsSettings { Servers = [LocalSite.DnsServer] });
        var addresses = await lookup.QueryAsync(ipv6Name, QueryType.AAAA);
        return new JobHost(host, ipv6Name, addresses.Answers.AaaaRecords().Single().Address.ToString());
    }

    public static string JobPath(long jobId, string version = "stable") =>
        version == "" ? $"/sites/{Site}/firewall/{jobId}" : $"/{version}/sites/{Site}/firewall/{jobId}";

    public async Task DisposeAsync()
    {
        await EndQuietlyAsync("alice", AliceHostJob);
        await EndQuietlyAsync("bob", BobCoreJob);
        await Factory.DisposeAsync();
        await Saga.DisposeAsync();
        await RabbitMqServer.DeleteVirtualHostAsync(Rabbit);
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    private static async Task EndQuietlyAsync(string user, long jobId)
    {
        if (jobId > 0)
        {
            await OarJobs.EndAsync(user, jobId);
        }
    }
}

/// <summary>A host of a test job: its OAR name, its IPv6 name and the address that name resolves to.</summary>
public sealed record JobHost(string Name, string Ipv6Name, string Address);

[CollectionDefinition(Name)]
public sealed class ApiServicesDefinition : ICollectionFixture<ApiFixture>
{
    public const string Name = "API on local services";
}
