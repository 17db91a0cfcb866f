using System.Net;

namespace G5kFw.Api.Openings;

/// <summary>
/// One item of <c>addr</c> or <c>src_addr</c> as the client wrote it: an IPv6 network (a host address is a /128)
/// or a host name that the API resolves to its IPv6 addresses.
/// </summary>
public sealed record AddressItem(string Text, IPNetwork? Network, string? HostName)
{
    public static AddressItem ForNetwork(string text, IPNetwork network) => new(text, network, null);

    public static AddressItem ForHostName(string text) => new(text, null, text.TrimEnd('.').ToLowerInvariant());
}
