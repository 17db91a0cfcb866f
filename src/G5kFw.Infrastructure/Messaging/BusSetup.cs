using G5kFw.Infrastructure.Settings;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G5kFw.Infrastructure.Messaging;

public static class BusSetup
{
    /// <summary>
    /// Registers MassTransit on the RabbitMQ broker from the <c>RabbitMq</c> settings; <paramref name="configure"/>
    /// adds the process's consumers and sagas.
    /// </summary>
    public static IServiceCollection AddG5kFwBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> configure,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        var settings = configuration.GetRabbitMqSettings();
        services.AddSingleton(settings);
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 otherwise posts usage telemetry to usage-tracking.masstransit.io. A border firewall
            // service sends nothing to hosts that its operators did not configure.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            configure(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(settings.Host, (ushort)settings.Port, settings.VirtualHost, host =>
                {
                    host.Username(settings.Username);
                    host.Password(settings.Password);
                });
                configureBus?.Invoke(context, rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(settings.StartTimeoutSeconds);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
