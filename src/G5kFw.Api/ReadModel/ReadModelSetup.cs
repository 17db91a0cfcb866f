using G5kFw.Sagas.Persistence;
using G5kFw.Sagas.ReadModels;

namespace G5kFw.Api.ReadModel;

public static class ReadModelSetup
{
    /// <summary>Registers Marten on the service's database and the reader of the job saga's read model.</summary>
    public static IServiceCollection AddJobOpeningsReadModel(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddG5kFwMarten(configuration, ReadModelSchema.Configure);
        services.AddScoped<IJobOpeningsReader, MartenJobOpeningsReader>();
        return services;
    }
}
