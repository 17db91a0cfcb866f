using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>
/// An opening of a request body that passed every check that needs no DNS: its host names are not resolved yet.
/// <see cref="Sources"/> is null when the client gave no <c>src_addr</c>, which means any source.
/// </summary>
public sealed record ParsedOpening(
    int Index,
    IReadOnlyList<AddressItem> Destinations,
    IReadOnlyList<PortRange> Ports,
    OpeningProtocol Protocol,
    IReadOnlyList<AddressItem>? Sources);
