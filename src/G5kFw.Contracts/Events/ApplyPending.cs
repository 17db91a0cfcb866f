namespace G5kFw.Contracts.Events;

/// <summary>One or more firewalls have not applied this generation of a job's openings; retries go on.</summary>
public sealed record ApplyPending(string Site, long JobId, long Generation, IReadOnlyList<string> Firewalls);
