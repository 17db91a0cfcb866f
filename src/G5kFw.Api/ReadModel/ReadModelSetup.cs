using G5kFw.Infrastructure.Persistence;
using JasperFx;
using Marten;

namespace G5kFw.Api.ReadModel;

public static class ReadModelSetup
{
    /// <summary>The PostgreSQL schema of G5kFw's Marten documents, shared with the job saga.</summary>
    public const string Schema = "g5kfw";

    /// <summary>Registers Marten on the service's database and the reader of the jobs' openings.</summary>
    public static IServiceCollection AddJobOpeningsReadModel(
        this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetPostgresConnectionString();
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = Schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Schema.For<JobOpenings>();
            })
            .UseLightweightSessions();
        services.AddScoped<IJobOpeningsReader, MartenJobOpeningsReader>();
        return services;
    }
}
