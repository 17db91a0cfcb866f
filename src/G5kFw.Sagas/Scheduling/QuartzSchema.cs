using Microsoft.Extensions.Hosting;
using Npgsql;

namespace G5kFw.Sagas.Scheduling;

/// <summary>
/// Creates Quartz's job store tables at start, before the scheduler starts, from the script embedded in this
/// assembly.
/// </summary>
public sealed class QuartzSchema(NpgsqlDataSource dataSource) : IHostedService
{
    private const string ScriptName = "G5kFw.Sagas.Scheduling.quartz_tables_postgres.sql";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var script = await ReadScriptAsync(cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(script, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream(ScriptName)
            ?? throw new InvalidOperationException($"The embedded resource {ScriptName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
