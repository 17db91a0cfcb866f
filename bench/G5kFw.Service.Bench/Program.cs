using G5kFw.Firewall.Agents;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Settings;
using G5kFw.Service.Bench;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog;

// Measures the lab's installation end to end and prints each measure beside its target. Run it through
// scripts/bench, which checks that the lab is up and exports its settings.
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
        formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Help);
    return 0;
}

var lab = LabSettings.FromEnvironment();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, keyPress) =>
{
    // The run stops at its next step and still removes what it created.
    keyPress.Cancel = true;
    Log.Warning("Interrupted; removing the synthetic openings and the OAR jobs of this run");
    cancellation.Cancel();
};

var scratchNamespace = $"g5sbench{Environment.ProcessId}";
await ProcessRunner.RunAsync("ip", "netns", "add", scratchNamespace);
var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(lab.RabbitHost, (ushort)lab.RabbitPort, "/", host =>
{
    host.Username(lab.RabbitUser);
    host.Password(lab.RabbitPassword);
}));
var oar = new OarJobs();
var synthetic = new SyntheticOpenings(bus, lab);
var results = new ResultTable();
var status = 0;
try
{
    await bus.StartAsync(cancellation.Token);
    var settings = new FirewallAgentSettings
    {
        Firewall = "bench",
        Site = lab.Site,
        Namespace = scratchNamespace,
        ProtectedPrefixes = [LabSettings.NodePrefix],
    };
    using var scratchAgent = new FirewallAgent(settings, new LibNftables(scratchNamespace),
        NullLogger<FirewallAgent>.Instance);
    await scratchAgent.InitializeAsync(cancellation.Token);
    using var api = new FirewallApiClient(lab);
    using var tables = new FirewallTables(lab);

    Log.Information("Benchmark of site {Site} at {ApiUrl}, {Cores} cores; synthetic jobs: {Shape}", lab.Site,
        lab.ApiUrl, Environment.ProcessorCount, SyntheticOpenings.Shape);
    await new BenchRun(options, lab, scratchAgent, api, tables, oar, synthetic, results).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    status = 130;
}
catch (Exception exception)
{
    Log.Error(exception, "The benchmark failed; the table below lists what was measured before");
    status = 1;
}
finally
{
    await CleanUpAsync();
    Log.CloseAndFlush();
}

results.Print(Console.Out);
return status;

async Task CleanUpAsync()
{
    if (synthetic.LoadedJobs > 0)
    {
        Log.Information("Removing {JobCount} synthetic jobs from every firewall", synthetic.LoadedJobs);
        try
        {
            await synthetic.RemoveAllAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is InvalidOperationException or RequestTimeoutException)
        {
            Log.Error(exception,
                "Removing the synthetic jobs failed; scripts/lab down removes them with the firewalls' namespaces");
        }
    }

    await oar.DeleteAllAsync();
    await bus.StopAsync(CancellationToken.None);
    await ProcessRunner.RunAsync("ip", "netns", "delete", scratchNamespace);
}
