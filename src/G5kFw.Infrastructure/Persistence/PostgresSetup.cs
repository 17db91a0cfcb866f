using G5kFw.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G5kFw.Infrastructure.Persistence;

public static class PostgresSetup
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>Reads <c>ConnectionStrings:Postgres</c>, or throws naming the setting.</summary>
    public static string GetPostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetRequired($"ConnectionStrings:{ConnectionStringName}");

    /// <summary>Registers one <see cref="NpgsqlDataSource"/> for the service's own database.</summary>
    public static IServiceCollection AddG5kFwPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetPostgresConnectionString();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        return services;
    }
}
