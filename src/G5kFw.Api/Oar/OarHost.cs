namespace G5kFw.Api.Oar;

/// <summary>A host that a job holds, with how many of the host's resources (cores) the job holds.</summary>
public sealed record OarHost(string Name, int HeldResources, int TotalResources);
