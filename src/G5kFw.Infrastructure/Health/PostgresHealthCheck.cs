using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace G5kFw.Infrastructure.Health;

/// <summary>Reports whether a PostgreSQL query on the service's database succeeds.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer SELECT 1.", exception);
        }
    }
}
