using System.Net;
using DnsClient;
using DnsClient.Protocol;
using G5kFw.Infrastructure.Settings;

namespace G5kFw.Api.Dns;

/// <summary>Resolves AAAA records with DnsClient, asking the servers of the <c>Dns</c> settings.</summary>
public sealed class DnsNameResolver(ILookupClient lookup, ILogger<DnsNameResolver> logger) : INameResolver
{
    public async Task<NameResolution> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await lookup.QueryAsync(name, QueryType.AAAA, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException exception)
        {
            logger.LogWarning(exception, "DNS lookup of {Name} failed", name);
            return new NameResolution(NameResolutionStatus.Failed, [], exception.Message);
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return new NameResolution(NameResolutionStatus.NoAddress, [], "the name does not exist in DNS");
        }

        if (response.HasError)
        {
            logger.LogWarning("DNS lookup of {Name} returned {Error}", name, response.ErrorMessage);
            return new NameResolution(NameResolutionStatus.Failed, [], response.ErrorMessage);
        }

        var addresses = response.Answers.AaaaRecords()
            .Select(record => record.Address)
            .Where(address => !address.IsIPv4MappedToIPv6)
            .ToList();
        return addresses.Count == 0
            ? new NameResolution(NameResolutionStatus.NoAddress, [], "the name has no IPv6 address (AAAA record)")
            : NameResolution.Resolved(addresses);
    }

    /// <summary>Creates the DnsClient lookup client for the <c>Dns</c> settings, without a cache.</summary>
    public static ILookupClient CreateLookupClient(DnsSettings settings)
    {
        // No cache: a host's addresses change when the testbed renumbers it, and the API looks names up rarely.
        var servers = settings.Servers.Select(ParseServer).ToArray();
        var options = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        options.UseCache = false;
        options.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = true;
        return new LookupClient(options);
    }

    private static IPEndPoint ParseServer(string text)
    {
        if (IPEndPoint.TryParse(text.Trim(), out var endPoint))
        {
            if (endPoint.Port == 0)
            {
                endPoint.Port = 53;
            }

            return endPoint;
        }

        throw new SettingsException(
            $"Setting 'Dns:Servers' has the entry \"{text}\", which is not an address with an optional port. " +
            "Write entries such as 127.0.0.1:5353 or [::1]:53.");
    }
}
