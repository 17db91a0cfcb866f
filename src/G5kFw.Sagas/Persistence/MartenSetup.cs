using G5kFw.Infrastructure.Persistence;
using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G5kFw.Sagas.Persistence;

public static class MartenSetup
{
    /// <summary>The PostgreSQL schema that holds G5kFw's documents and events.</summary>
    public const string Schema = "g5kfw";

    /// <summary>
    /// Registers Marten on the service's database. Every document type, the saga types included, is created or
    /// updated at start, so that the first concurrent messages never race to create a table.
    /// </summary>
    public static IServiceCollection AddG5kFwMarten(
        this IServiceCollection services, IConfiguration configuration, Action<StoreOptions>? configure = null)
    {
        var connectionString = configuration.GetPostgresConnectionString();
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = Schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                configure?.Invoke(options);
            })
            .ApplyAllDatabaseChangesOnStartup()
            .UseLightweightSessions();
        return services;
    }
}
