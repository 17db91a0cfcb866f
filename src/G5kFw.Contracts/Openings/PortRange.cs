namespace G5kFw.Contracts.Openings;

/// <summary>An inclusive range of TCP and UDP ports; a single port has <c>First == Last</c>.</summary>
public sealed record PortRange(int First, int Last);
