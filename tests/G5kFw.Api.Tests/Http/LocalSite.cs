using G5kFw.Testing;

namespace G5kFw.Api.Tests.Http;

/// <summary>
/// The site that the local OAR server and DNS server play, as scripts/services/env exports it:
/// <c>G5KFW_SITE</c>, the read-only OAR connection string and the DNS server.
/// </summary>
public static class LocalSite
{
    public static string Name => Read("G5KFW_SITE") ?? "rennes";

    public static string OarConnectionString =>
        Read($"Sites__{Name}__Oar__ConnectionString")
        ?? throw new ServicesMissingException("OAR", $"Sites__{Name}__Oar__ConnectionString");

    public static string DnsServer =>
        Read("Dns__Servers__0") ?? throw new ServicesMissingException("The DNS server", "Dns__Servers__0");

    private static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
