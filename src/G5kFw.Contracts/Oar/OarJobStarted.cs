namespace G5kFw.Contracts.Oar;

/// <summary>OAR's server prologue ran for a job: the job started on that site.</summary>
public sealed record OarJobStarted(string Site, long JobId, DateTimeOffset ObservedAt);
