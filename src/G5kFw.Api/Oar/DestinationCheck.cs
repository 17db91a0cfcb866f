using System.Net;
using G5kFw.Api.Openings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Oar;

/// <summary>
/// Checks that every destination is an address of a host that the job holds exclusively: every resource of the
/// host, in a job that is not timesharing. A job that holds only some cores of a host cannot open that host.
/// </summary>
public static class DestinationCheck
{
    /// <summary>Returns the first destination that the job may not open, or null when it may open them all.</summary>
    public static DestinationRejection? FindRejected(
        OarJob job, IEnumerable<Opening> openings, IReadOnlyList<HostAddresses> hosts)
    {
        foreach (var destination in openings.SelectMany(opening => opening.Addresses))
        {
            var address = IPNetwork.Parse(destination).BaseAddress;
            var host = hosts.FirstOrDefault(h => h.Addresses.Contains(address));
            if (host is null)
            {
                return new DestinationRejection(destination, null,
                    $"Address {destination} is not an address of a host that job {job.Id} holds. " +
                    $"The job holds {Describe(hosts)}. Open only addresses of those hosts.");
            }

            if (!job.HoldsExclusively(host.Host))
            {
                return new DestinationRejection(destination, host.Host.Name,
                    $"Address {destination} belongs to host {host.Host.Name}, which job {job.Id} does not hold " +
                    $"exclusively: {Reason(job, host.Host)}. Submit a job that reserves whole hosts, " +
                    "such as oarsub -l host=1, to open a host.");
            }
        }

        return null;
    }

    private static string Reason(OarJob job, OarHost host) => job.IsTimesharing
        ? "the job is of type timesharing, so other jobs may share the host"
        : $"the job holds {host.HeldResources} of the host's {host.TotalResources} resources";

    private static string Describe(IReadOnlyList<HostAddresses> hosts) => hosts.Count == 0
        ? "no host"
        : string.Join(", ", hosts.Select(h => h.Addresses.Count == 0
            ? $"{h.Host.Name} (its IPv6 name {h.Ipv6Name} has no IPv6 address)"
            : $"{h.Host.Name} ({string.Join(", ", h.Addresses.Select(Ipv6Text.Format))})"));
}
