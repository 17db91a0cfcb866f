using System.Collections.Concurrent;
using G5kFw.Contracts.Firewalls;

namespace G5kFw.Sagas.Tests.Jobs;

/// <summary>
/// The tables of the test firewalls, which stand in for the nftables agents until those run in these tests: the
/// last rules each firewall applied per job, and whether it fails on command.
/// </summary>
public sealed class TestFirewalls(params string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    /// <summary>Firewalls that drop every message without a reply, like an agent that is stopped.</summary>
    public ConcurrentDictionary<string, bool> Silent { get; } = new();

    /// <summary>The opening events that the saga published.</summary>
    public ConcurrentQueue<object> Events { get; } = new();

    public ConcurrentDictionary<(string Firewall, long JobId), JobRules> Tables { get; } = new();

    public ConcurrentQueue<RebuildFirewall> Rebuilds { get; } = new();

    public IReadOnlyList<Contracts.Openings.Opening> OpeningsOf(string firewall, long jobId) =>
        Tables.TryGetValue((firewall, jobId), out var rules) ? rules.Openings : [];

    public long GenerationOf(string firewall, long jobId) =>
        Tables.TryGetValue((firewall, jobId), out var rules) ? rules.Generation : 0;
}
