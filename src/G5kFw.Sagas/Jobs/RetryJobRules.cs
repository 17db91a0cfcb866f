namespace G5kFw.Sagas.Jobs;

/// <summary>Re-sends the job's current rules to one firewall if it is behind. Its retry trigger sends it.</summary>
public sealed record RetryJobRules(string Site, long JobId, string Firewall);
