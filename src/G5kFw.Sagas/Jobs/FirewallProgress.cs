namespace G5kFw.Sagas.Jobs;

/// <summary>What one firewall of the site has done with a job's rules.</summary>
public sealed class FirewallProgress
{
    public string Name { get; set; } = "";

    /// <summary>The highest generation that the firewall's agent reported applied, or 0 before the first.</summary>
    public long AppliedGeneration { get; set; }

    /// <summary>The generation of the last failure that the agent reported, or 0.</summary>
    public long FailedGeneration { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>
    /// Whether the saga scheduled a retry trigger for this firewall. It saves Quartz a locked write on every message,
    /// and a trigger left behind by a failed attempt cancels itself when it fires for a firewall that caught up.
    /// </summary>
    public bool RetryScheduled { get; set; }

    public bool IsFailingAt(long generation) => FailedGeneration >= generation && AppliedGeneration < generation;
}
