using System.Net;

namespace G5kFw.Api.Dns;

/// <summary>The IPv6 addresses of a host name, or why it has none.</summary>
public sealed record NameResolution(NameResolutionStatus Status, IReadOnlyList<IPAddress> Addresses, string Detail)
{
    public static NameResolution Resolved(IReadOnlyList<IPAddress> addresses) =>
        new(NameResolutionStatus.Resolved, addresses, "");
}
