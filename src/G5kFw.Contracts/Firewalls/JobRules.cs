using G5kFw.Contracts.Openings;

namespace G5kFw.Contracts.Firewalls;

/// <summary>The complete desired openings of one job at one generation; empty openings remove the job.</summary>
public sealed record JobRules(string Site, long JobId, long Generation, IReadOnlyList<Opening> Openings);
