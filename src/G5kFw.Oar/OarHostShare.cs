namespace G5kFw.Oar;

/// <summary>A host that a job holds, with how many of the host's resources (cores) the job holds of its total.</summary>
public sealed record OarHostShare(string Host, int HeldResources, int TotalResources);
