using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace G5kFw.Infrastructure.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks: PostgreSQL here, RabbitMQ through MassTransit's bus check.</summary>
    public static IServiceCollection AddG5kFwHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Maps <c>/health/live</c>, which runs no check, and <c>/health/ready</c>, which runs every check tagged ready.
    /// </summary>
    public static IEndpointRouteBuilder MapG5kFwHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }
}
