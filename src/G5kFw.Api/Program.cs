using G5kFw.Api;
using G5kFw.Api.Endpoints;
using G5kFw.Infrastructure.Health;
using G5kFw.Infrastructure.Logging;
using G5kFw.Infrastructure.Messaging;
using G5kFw.Infrastructure.Persistence;
using G5kFw.Infrastructure.Settings;
using Serilog;

SerilogSetup.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog((services, logger) =>
        SerilogSetup.Configure(builder.Configuration, logger, "G5kFw.Api"));

    await StartupProbe.WaitForServicesAsync(builder.Configuration, CancellationToken.None);

    builder.Services.AddG5kFwPostgres(builder.Configuration);
    builder.Services.AddG5kFwHealthChecks();
    builder.Services.AddFirewallApi(builder.Configuration);
    builder.Services.AddG5kFwBus(builder.Configuration, bus => bus.AddFirewallApiRequestClients());

    var app = builder.Build();
    app.UseFirewallApiErrors();
    app.MapOpenApi();
    app.MapFirewallApi();
    app.MapG5kFwHealth();

    Log.Information("G5kFw.Api starting");
    await app.RunAsync();
    Log.Information("G5kFw.Api stopped");
    return 0;
}
catch (SettingsException exception)
{
    Log.Fatal("G5kFw.Api cannot start: {Reason}", exception.Message);
    return 2;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "G5kFw.Api terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
