using G5kFw.Api.Dns;
using G5kFw.Api.Settings;

namespace G5kFw.Api.Oar;

/// <summary>Finds the IPv6 addresses of a job's hosts from their IPv6 names.</summary>
public sealed class JobHostResolver(
    IReadOnlyDictionary<string, SiteSettings> sites, INameResolver resolver, ILogger<JobHostResolver> logger)
{
    /// <summary>
    /// Returns each host with its addresses, or the failed lookup ("name (error)") when no name server responded.
    /// </summary>
    public async Task<(IReadOnlyList<HostAddresses> Hosts, string? FailedLookup)> ResolveAsync(
        string site, OarJob job, CancellationToken cancellationToken)
    {
        var pattern = sites[site].HostIpv6NamePattern;
        var hosts = new List<HostAddresses>();
        foreach (var host in job.Hosts)
        {
            var name = HostIpv6Name.Format(pattern, host.Name);
            var resolution = await resolver.ResolveAsync(name, cancellationToken);
            if (resolution.Status == NameResolutionStatus.Failed)
            {
                return ([], $"{name} ({resolution.Detail})");
            }

            if (resolution.Status == NameResolutionStatus.NoAddress)
            {
                logger.LogWarning(
                    "Host {Host} of job {JobId} on site {Site} has no IPv6 address under {Ipv6Name}: {Detail}",
                    host.Name, job.Id, site, name, resolution.Detail);
            }

            hosts.Add(new HostAddresses(host, name, resolution.Addresses));
        }

        return (hosts, null);
    }
}
