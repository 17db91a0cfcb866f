using G5kFw.Infrastructure.Health;
using G5kFw.Infrastructure.Logging;
using G5kFw.Infrastructure.Persistence;
using G5kFw.Infrastructure.Settings;
using G5kFw.Worker;
using Serilog;

SerilogSetup.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog((services, logger) =>
        SerilogSetup.Configure(builder.Configuration, logger, "G5kFw.Worker"));

    await StartupProbe.WaitForServicesAsync(builder.Configuration, CancellationToken.None);

    builder.Services.AddG5kFwPostgres(builder.Configuration);
    builder.Services.AddG5kFwHealthChecks();
    builder.Services.AddWorkerRoles(builder.Configuration);

    var app = builder.Build();
    app.MapG5kFwHealth();

    Log.Information("G5kFw.Worker starting");
    await app.RunAsync();
    Log.Information("G5kFw.Worker stopped");
    return 0;
}
catch (SettingsException exception)
{
    Log.Fatal("G5kFw.Worker cannot start: {Reason}", exception.Message);
    return 2;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "G5kFw.Worker terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
