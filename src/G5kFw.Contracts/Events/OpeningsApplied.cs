using G5kFw.Contracts.Openings;

namespace G5kFw.Contracts.Events;

/// <summary>Every firewall of the site applied this generation of a job's openings.</summary>
public sealed record OpeningsApplied(string Site, long JobId, long Generation, IReadOnlyList<Opening> Openings);
