using Xunit;

namespace G5kFw.Testing;

/// <summary>
/// A database and a RabbitMQ virtual host of a test class's own, created before its tests and removed after them.
/// Use it as an xunit class fixture or as a base class.
/// </summary>
public class IsolatedServices(string prefix) : IAsyncLifetime
{
    public string Postgres { get; private set; } = "";

    public RabbitMqVirtualHost Rabbit { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Postgres = await PostgresServer.CreateDatabaseAsync(prefix);
        Rabbit = await RabbitMqServer.CreateVirtualHostAsync(prefix);
    }

    public virtual async Task DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(Postgres);
        await RabbitMqServer.DeleteVirtualHostAsync(Rabbit);
    }
}
