using G5kFw.Api.Settings;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>Checks the configured limits on the openings, addresses and ports of one request and of one job.</summary>
public static class OpeningLimits
{
    /// <summary>Returns why the request is over a limit, or null when it is within every limit.</summary>
    public static string? CheckRequest(int openings, int addresses, int ports, LimitSettings limits)
    {
        const string Next = "Split the openings into several requests.";
        if (openings > limits.MaxOpeningsPerRequest)
        {
            return $"The request has {openings} openings, more than the limit of " +
                $"{limits.MaxOpeningsPerRequest}. {Next}";
        }

        if (addresses > limits.MaxAddressesPerRequest)
        {
            return $"The request has {addresses} addresses, more than the limit of " +
                $"{limits.MaxAddressesPerRequest}. {Next}";
        }

        return ports > limits.MaxPortsPerRequest
            ? $"The request has {ports} ports and port ranges, more than the limit of " +
                $"{limits.MaxPortsPerRequest}. {Next}"
            : null;
    }

    /// <summary>Returns why the openings, once added to the job's, would be over a limit per job, or null.</summary>
    public static string? CheckJob(long jobId, IReadOnlyCollection<Opening> openings, LimitSettings limits)
    {
        const string Next = "Remove the job's openings with DELETE, then add fewer.";
        var addresses = CountAddresses(openings);
        var ports = CountPorts(openings);
        if (openings.Count > limits.MaxOpeningsPerJob)
        {
            return $"Job {jobId} would have {openings.Count} openings, more than the limit of " +
                $"{limits.MaxOpeningsPerJob} per job. {Next}";
        }

        if (addresses > limits.MaxAddressesPerJob)
        {
            return $"Job {jobId} would have {addresses} addresses, more than the limit of " +
                $"{limits.MaxAddressesPerJob} per job. {Next}";
        }

        return ports > limits.MaxPortsPerJob
            ? $"Job {jobId} would have {ports} ports and port ranges, more than the limit of " +
                $"{limits.MaxPortsPerJob} per job. {Next}"
            : null;
    }

    /// <summary>Counts destination and source addresses.</summary>
    public static int CountAddresses(IEnumerable<Opening> openings) =>
        openings.Sum(o => o.Addresses.Count + (o.Sources?.Count ?? 0));

    public static int CountPorts(IEnumerable<Opening> openings) => openings.Sum(o => o.Ports.Count);
}
