namespace G5kFw.Sagas.Jobs;

/// <summary>Sent by the retry trigger of one firewall: re-sends the job's current rules if that firewall is behind.</summary>
public sealed record RetryJobRules(string Site, long JobId, string Firewall);
