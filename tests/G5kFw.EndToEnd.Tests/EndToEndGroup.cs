namespace G5kFw.EndToEnd.Tests;

/// <summary>
/// Runs the end-to-end tests one at a time, because they submit jobs to the shared OAR server, whose four hosts
/// parallel tests would wait for, and each test points the shared OAR hook at its own RabbitMQ virtual host.
/// </summary>
/// <remarks>
/// NOTE: this serializes only the tests of this project. G5kFw.Oar.Tests also rewrites the hook's settings file and
/// G5kFw.Api.Tests also submits jobs, so a <c>dotnet test</c> that runs those projects at the same time can make
/// these tests wait for hosts or lose hook events.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "end to end";
}
