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
    public static string? CheckJob(long jobId, IReadOnlyCollection<Opening> openings, LimitSettings limits) =>
        ForJob(limits).FindExcess(jobId, openings);

    /// <summary>The per-job limits that the API sends with each request, for the job saga to check again.</summary>
    public static JobLimits ForJob(LimitSettings limits) =>
        new(limits.MaxOpeningsPerJob, limits.MaxAddressesPerJob, limits.MaxPortsPerJob);
}
