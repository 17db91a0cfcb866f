namespace G5kFw.EndToEnd.Tests;

/// <summary>
/// Runs the end-to-end tests one at a time, because they submit jobs to the shared OAR server, whose four hosts
/// parallel tests would wait for, and each test points the shared OAR hook at its own RabbitMQ virtual host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "end to end";
}
