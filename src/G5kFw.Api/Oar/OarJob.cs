namespace G5kFw.Api.Oar;

/// <summary>What the API needs of an OAR job: its owner, its state, its types and the hosts it holds now.</summary>
public sealed record OarJob(
    long Id, string Owner, string State, IReadOnlyList<string> Types, IReadOnlyList<OarHost> Hosts)
{
    public const string RunningState = "Running";

    public bool IsRunning => State == RunningState;

    /// <summary>A timesharing job may share its hosts with other jobs, so it holds none of them exclusively.</summary>
    public bool IsTimesharing => Types.Any(type => type.StartsWith("timesharing", StringComparison.Ordinal));

    /// <summary>Whether the job holds every resource of the host and shares it with no timesharing job.</summary>
    public bool HoldsExclusively(OarHost host) => !IsTimesharing && host.HeldResources == host.TotalResources;
}
