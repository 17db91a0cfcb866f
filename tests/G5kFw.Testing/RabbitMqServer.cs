using System.Net.Http.Headers;
using System.Text;
using Testcontainers.RabbitMq;

namespace G5kFw.Testing;

/// <summary>A RabbitMQ virtual host of its own for one test class, so that parallel tests never share queues.</summary>
public sealed record RabbitMqVirtualHost(string Host, int Port, string VirtualHost, string Username, string Password)
{
    /// <summary>The settings a G5kFw host reads, as configuration key and value pairs.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToSettings() =>
    [
        new("RabbitMq:Host", Host),
        new("RabbitMq:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("RabbitMq:VirtualHost", VirtualHost),
        new("RabbitMq:Username", Username),
        new("RabbitMq:Password", Password),
    ];
}

/// <summary>
/// The RabbitMQ broker of a test run: the one named by <c>RabbitMq__Host</c> and its companions, else a
/// Testcontainers broker where a Docker engine runs.
/// </summary>
public static class RabbitMqServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Broker? _broker;

    private sealed record Broker(string Host, int Port, int ManagementPort, string Username, string Password);

    /// <summary>Creates a virtual host with a unique name and grants the test user every permission on it.</summary>
    public static async Task<RabbitMqVirtualHost> CreateVirtualHostAsync(string prefix)
    {
        var broker = await GetBrokerAsync();
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var client = CreateManagementClient(broker);
        var vhost = Uri.EscapeDataString(name);
        (await client.PutAsync($"api/vhosts/{vhost}", Json("{}"))).EnsureSuccessStatusCode();
        var permissions = Json("""{"configure":".*","write":".*","read":".*"}""");
        var user = Uri.EscapeDataString(broker.Username);
        (await client.PutAsync($"api/permissions/{vhost}/{user}", permissions)).EnsureSuccessStatusCode();
        return new RabbitMqVirtualHost(broker.Host, broker.Port, name, broker.Username, broker.Password);
    }

    /// <summary>Deletes a virtual host that <see cref="CreateVirtualHostAsync"/> created, with its queues.</summary>
    public static async Task DeleteVirtualHostAsync(RabbitMqVirtualHost virtualHost)
    {
        var broker = await GetBrokerAsync();
        using var client = CreateManagementClient(broker);
        await client.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(virtualHost.VirtualHost)}");
    }

    private static async Task<Broker> GetBrokerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _broker ??= FromEnvironment() ?? await StartContainerAsync();
            return _broker;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Broker? FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("RabbitMq__Host");
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        return new Broker(
            host,
            ReadPort("RabbitMq__Port", 5672),
            ReadPort("RabbitMq__ManagementPort", 15672),
            Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest",
            Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest");
    }

    private static int ReadPort(string variable, int fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? fallback : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Broker> StartContainerAsync()
    {
        if (!DockerEngine.IsAvailable)
        {
            throw new ServicesMissingException("RabbitMQ", "RabbitMq__Host");
        }

        var container = new RabbitMqBuilder("rabbitmq:3.10-management").Build();
        await container.StartAsync();
        return new Broker(
            container.Hostname,
            container.GetMappedPublicPort(5672),
            container.GetMappedPublicPort(15672),
            "rabbitmq",
            "rabbitmq");
    }

    private static HttpClient CreateManagementClient(Broker broker)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:{broker.ManagementPort}/") };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
