using G5kFw.Api.Dns;
using G5kFw.Api.Endpoints;
using G5kFw.Api.Identity;
using G5kFw.Api.Oar;
using G5kFw.Api.ReadModel;
using G5kFw.Api.Settings;
using G5kFw.Contracts.Openings;
using G5kFw.Infrastructure.Settings;
using System.Text.Encodings.Web;
using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace G5kFw.Api;

public static class FirewallApiSetup
{
    /// <summary>
    /// Registers the firewall API's settings, checks, OAR reader, DNS resolver, read model and OpenAPI document.
    /// </summary>
    public static IServiceCollection AddFirewallApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IReadOnlyDictionary<string, SiteSettings>>(ReadSites(configuration));
        services.AddSingleton(SettingsCheck.Limits(Bind<LimitSettings>(configuration, LimitSettings.Section)));
        services.AddSingleton(SettingsCheck.Api(Bind<ApiSettings>(configuration, ApiSettings.Section)));
        var dns = Bind<DnsSettings>(configuration, DnsSettings.Section);
        var identity = Bind<IdentitySettings>(configuration, IdentitySettings.Section);

        services.AddSingleton(new CallerIdentity(identity));
        services.AddSingleton(DnsNameResolver.CreateLookupClient(dns));
        services.AddSingleton<INameResolver, DnsNameResolver>();
        G5kFw.Oar.OarServiceCollectionExtensions.AddOarJobReader(services, configuration);
        services.AddSingleton<IOarJobReader, SiteOarJobReader>();
        services.AddSingleton<JobHostResolver>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<JobAccess>();
        services.AddScoped<OpeningChecks>();
        services.AddScoped<SagaGateway>();
        services.AddJobOpeningsReadModel(configuration);

        // The relaxed encoder writes "tcp+udp" as it is, not "tcp\u002Budp", which is safe because the bodies are
        // JSON, never HTML.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddOpenApi();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Detail ??= DescribeUnhandled(context.HttpContext.Request, problem.Status);
            problem.Extensions.TryAdd("message", problem.Detail);
        });
        return services;
    }

    /// <summary>Adds the request clients that send the job saga its requests to add and remove openings.</summary>
    public static void AddFirewallApiRequestClients(this IBusRegistrationConfigurator bus)
    {
        bus.AddRequestClient<OpeningRequested>();
        bus.AddRequestClient<RemoveOpenings>();
    }

    /// <summary>
    /// Writes problem+json responses for errors that no endpoint handled, such as unknown routes and faults.
    /// </summary>
    public static WebApplication UseFirewallApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A database that does not respond is the service's fault, but one that a retry may fix.
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                NpgsqlException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        return app;
    }

    private static string DescribeUnhandled(HttpRequest request, int? status) => status switch
    {
        StatusCodes.Status404NotFound =>
            $"No resource exists at {request.Path}. The firewall routes are " +
            "/{api_version}/sites/{site}/firewall/{job_id} and /sites/{site}/firewall/{job_id}.",
        StatusCodes.Status405MethodNotAllowed =>
            $"The method {request.Method} is not allowed on {request.Path}. Use GET, POST or DELETE.",
        >= 500 => "The service failed to process the request. Retry later, and if the failure persists, " +
            "give the operators the traceId of this response.",
        _ => ReasonPhrases.GetReasonPhrase(status ?? StatusCodes.Status500InternalServerError),
    };

    private static Dictionary<string, SiteSettings> ReadSites(IConfiguration configuration)
    {
        var sites = new Dictionary<string, SiteSettings>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(SiteSettings.Section).GetChildren())
        {
            var site = new SiteSettings();
            section.Bind(site);
            if (string.IsNullOrWhiteSpace(site.Oar.ConnectionString))
            {
                configuration.GetRequired($"{SiteSettings.Section}:{section.Key}:Oar:ConnectionString");
            }

            sites[section.Key] = site;
        }

        if (sites.Count == 0)
        {
            throw new SettingsException(
                "No site is configured. Set Sites:{site}:Oar:ConnectionString for each site that the API serves, " +
                "for instance with the environment variable Sites__rennes__Oar__ConnectionString.");
        }

        return sites;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var settings = new T();
        configuration.GetSection(section).Bind(settings);
        return settings;
    }
}
