using Npgsql;
using Testcontainers.PostgreSql;

namespace G5kFw.Testing;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>ConnectionStrings__Postgres</c>, else a Testcontainers
/// server where a Docker engine runs. Each test class creates its own database on it.
/// </summary>
public static class PostgresServer
{
    private const string Variable = "ConnectionStrings__Postgres";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;

    public static async Task<string> GetConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _connectionString ??= Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
                ? configured
                : await StartContainerAsync();
            return _connectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await GetConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database that <see cref="CreateDatabaseAsync"/> created, closing its connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var server = await GetConnectionStringAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartContainerAsync()
    {
        if (!DockerEngine.IsAvailable)
        {
            throw new ServicesMissingException("PostgreSQL", Variable);
        }

        var container = new PostgreSqlBuilder("postgres:15").Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }
}
