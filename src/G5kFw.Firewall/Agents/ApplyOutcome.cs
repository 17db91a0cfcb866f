namespace G5kFw.Firewall.Agents;

/// <summary>
/// The result of applying a job's rules: the generation now in place for the job, or the generation that
/// failed with the reason.
/// </summary>
public sealed record ApplyOutcome(long JobId, long Generation, string? FailureReason)
{
    public bool Succeeded => FailureReason is null;
}
