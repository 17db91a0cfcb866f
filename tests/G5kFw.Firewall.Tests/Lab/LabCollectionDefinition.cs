namespace G5kFw.Firewall.Tests.Lab;

/// <summary>
/// Runs the lab tests one at a time, because blocked probes are detected by a one-second timeout, which a
/// loaded two-core machine could exceed for probes that should pass.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollectionDefinition
{
    public const string Name = "lab network";
}
