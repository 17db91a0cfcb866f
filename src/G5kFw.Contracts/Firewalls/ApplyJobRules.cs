namespace G5kFw.Contracts.Firewalls;

/// <summary>
/// Applies a job's complete desired rules on one firewall, replacing what the firewall had for that job.
/// Sent to the queue of that firewall's agent.
/// </summary>
public sealed record ApplyJobRules(string Firewall, JobRules Rules);
