using G5kFw.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace G5kFw.Oar;

public static class OarServiceCollectionExtensions
{
    /// <summary>Reads the OAR settings and registers <see cref="IOarJobReader"/>, which is all the API needs.</summary>
    public static IServiceCollection AddOarJobReader(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetOarSettings();
        services.AddSingleton(settings);
        services.AddSingleton<IOarJobReader>(_ => new OarJobReader(settings));
        return services;
    }

    /// <summary>
    /// Registers <see cref="IOarJobReader"/> and <see cref="OarReconciler"/>. The reconciler also needs an
    /// <see cref="IActiveJobSource"/> and MassTransit, which the host registers.
    /// </summary>
    public static IServiceCollection AddG5kFwOar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOarJobReader(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<OarReconciler>();
        return services;
    }

    /// <summary>Schedules <see cref="OarReconciliationJob"/> every <c>Oar:ReconciliationIntervalSeconds</c>.</summary>
    public static IQuartzBuilder AddOarReconciliation(this IQuartzBuilder quartz, OarSettings settings)
    {
        quartz.ScheduleJob<OarReconciliationJob>(
            trigger => trigger
                .WithIdentity(OarReconciliationJob.Key.Name, OarReconciliationJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(TimeSpan.FromSeconds(settings.ReconciliationIntervalSeconds))
                    .RepeatForever()),
            job => job.WithIdentity(OarReconciliationJob.Key));
        return quartz;
    }

    /// <summary>
    /// Binds the <c>Oar</c> section and each site's <c>Sites:{site}:Oar:ConnectionString</c>, and checks every value,
    /// or throws naming the setting.
    /// </summary>
    public static OarSettings GetOarSettings(this IConfiguration configuration)
    {
        var settings = new OarSettings();
        configuration.GetSection(OarSettings.Section).Bind(settings);
        foreach (var site in configuration.GetSection("Sites").GetChildren())
        {
            var oar = site.GetSection("Oar");
            if (!oar.Exists())
            {
                continue;
            }

            var connectionString = oar["ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new SettingsException(
                    $"Setting 'Sites:{site.Key}:Oar:ConnectionString' is empty. Set the connection string of the " +
                    "site's read-only OAR database account.");
            }

            settings.Sites[site.Key] = new OarSiteSettings { ConnectionString = connectionString };
        }

        if (settings.ReconciliationIntervalSeconds < 1)
        {
            throw new SettingsException(
                $"Setting 'Oar:ReconciliationIntervalSeconds' is {settings.ReconciliationIntervalSeconds}; " +
                "expected a whole number of seconds of at least 1.");
        }

        if (settings.CommandTimeoutSeconds < 1)
        {
            throw new SettingsException(
                $"Setting 'Oar:CommandTimeoutSeconds' is {settings.CommandTimeoutSeconds}; " +
                "expected a whole number of seconds of at least 1.");
        }

        return settings;
    }
}
