namespace G5kFw.Contracts.Openings;

/// <summary>
/// The maximum number of openings, addresses and ports that one job may have. The API checks them against the
/// stored openings, and the job saga checks them again when it adds openings, because two concurrent requests
/// can each pass the API's check and exceed the limits together.
/// </summary>
public sealed record JobLimits(int MaxOpenings, int MaxAddresses, int MaxPorts)
{
    /// <summary>Returns why a job with these openings would be over a limit, or null when it is within every limit.</summary>
    public string? FindExcess(long jobId, IReadOnlyCollection<Opening> openings)
    {
        ArgumentNullException.ThrowIfNull(openings);
        const string Next = "Remove the job's openings with DELETE, then add fewer.";
        var addresses = CountAddresses(openings);
        var ports = CountPorts(openings);
        if (openings.Count > MaxOpenings)
        {
            return $"Job {jobId} would have {openings.Count} openings, more than the limit of {MaxOpenings} per job. " +
                Next;
        }

        if (addresses > MaxAddresses)
        {
            return $"Job {jobId} would have {addresses} addresses, more than the limit of {MaxAddresses} per job. " +
                Next;
        }

        return ports > MaxPorts
            ? $"Job {jobId} would have {ports} ports and port ranges, more than the limit of {MaxPorts} per job. {Next}"
            : null;
    }

    /// <summary>Counts destination and source addresses.</summary>
    public static int CountAddresses(IEnumerable<Opening> openings) =>
        openings.Sum(o => o.Addresses.Count + (o.Sources?.Count ?? 0));

    public static int CountPorts(IEnumerable<Opening> openings) => openings.Sum(o => o.Ports.Count);
}
