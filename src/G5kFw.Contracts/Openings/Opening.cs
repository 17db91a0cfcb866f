namespace G5kFw.Contracts.Openings;

/// <summary>
/// A validated opening: destination host addresses and optional sources, in RFC 5952 form with their
/// prefix length (<c>2001:db8::1/128</c>, <c>2001:db8:1::/48</c>), and merged, sorted port ranges.
/// </summary>
/// <remarks>Receivers parse every string back into a typed address before they use it.</remarks>
public sealed record Opening(
    IReadOnlyList<string> Addresses,
    IReadOnlyList<PortRange> Ports,
    OpeningProtocol Protocol,
    IReadOnlyList<string>? Sources);
