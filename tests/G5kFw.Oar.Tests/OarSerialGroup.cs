namespace G5kFw.Oar.Tests;

/// <summary>
/// Tests that submit OAR jobs run one at a time: the local cluster has four hosts, and jobs of parallel tests would
/// wait for each other's hosts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OarSerialGroup
{
    public const string Name = "OAR";
}
