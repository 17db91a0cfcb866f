using G5kFw.Testing;

namespace G5kFw.Sagas.Tests;

/// <summary>A database and a RabbitMQ virtual host of their own, and the settings that point a host at them.</summary>
public sealed class TestServices : IAsyncDisposable
{
    private TestServices(string connectionString, RabbitMqVirtualHost virtualHost)
    {
        ConnectionString = connectionString;
        VirtualHost = virtualHost;
    }

    public string ConnectionString { get; }

    public RabbitMqVirtualHost VirtualHost { get; }

    public static async Task<TestServices> CreateAsync(string prefix)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(prefix);
        var virtualHost = await RabbitMqServer.CreateVirtualHostAsync(prefix);
        return new TestServices(connectionString, virtualHost);
    }

    public Dictionary<string, string?> ToSettings()
    {
        var settings = new Dictionary<string, string?>(VirtualHost.ToSettings())
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
        };
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await RabbitMqServer.DeleteVirtualHostAsync(VirtualHost);
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}
