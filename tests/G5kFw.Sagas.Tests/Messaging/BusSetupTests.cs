using G5kFw.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace G5kFw.Sagas.Tests.Messaging;

public sealed class BusSetupTests
{
    [Fact]
    public async Task BusDisablesUsageTelemetry()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RabbitMq:Host"] = "127.0.0.1",
                ["RabbitMq:Username"] = "g5kfw",
                ["RabbitMq:Password"] = "g5kfw",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddG5kFwBus(configuration, _ => { });

        await using var provider = services.BuildServiceProvider();

        var telemetry = provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;
        Assert.False(telemetry.Enabled);
    }
}
