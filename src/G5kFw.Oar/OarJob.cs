namespace G5kFw.Oar;

/// <summary>A job as a site's OAR database records it.</summary>
/// <param name="Owner">The OAR login of the user who submitted the job (<c>jobs.job_user</c>).</param>
/// <param name="State">OAR's state name: Waiting, Running, Terminated, Error and the others.</param>
/// <param name="IsRunning">True when the state is Running and the job currently holds resources.</param>
/// <param name="Hosts">FQDNs of the hosts the job currently holds, sorted; empty once the job has ended.</param>
/// <param name="HoldsHostsExclusively">
/// True when the job holds every resource of each of its hosts and is not of a <c>timesharing</c> type, so no other
/// job can share those hosts.
/// </param>
/// <param name="Types">OAR job types, such as <c>noop</c> or <c>timesharing=*,*</c>.</param>
public sealed record OarJob(
    string Site,
    long JobId,
    string Owner,
    string State,
    bool IsRunning,
    IReadOnlyList<string> Hosts,
    bool HoldsHostsExclusively,
    IReadOnlyList<string> Types,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt)
{
    /// <summary>Each host of <see cref="Hosts"/>, in the same order, with how many of its resources the job holds.</summary>
    public IReadOnlyList<OarHostShare> HostShares { get; init; } = [];
}
