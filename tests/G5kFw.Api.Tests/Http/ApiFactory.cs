using G5kFw.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace G5kFw.Api.Tests.Http;

/// <summary>
/// The API on a real Kestrel server on loopback, because the identity check reads the client's address, which
/// the in-memory test server does not set.
/// </summary>
public sealed class ApiFactory(IEnumerable<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
{
    public static ApiFactory Create(
        RabbitMqVirtualHost rabbit, string connectionString, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(rabbit.ToSettings())
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            [$"Sites:{LocalSite.Name}:Oar:ConnectionString"] = LocalSite.OarConnectionString,
            [$"Sites:{LocalSite.Name}:HostIpv6NamePattern"] = "{short}-ipv6.{domain}",
            ["Dns:Servers:0"] = LocalSite.DnsServer,
            ["Identity:Administrators:0"] = "carol",
            ["Api:ReplyTimeoutSeconds"] = "3",
            ["Limits:MaxBodyBytes"] = "4096",
            ["Limits:MaxOpeningsPerRequest"] = "5",
            ["Limits:MaxOpeningsPerJob"] = "6",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var factory = new ApiFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
