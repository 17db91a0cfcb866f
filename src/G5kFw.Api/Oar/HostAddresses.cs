using System.Net;

namespace G5kFw.Api.Oar;

/// <summary>A host of a job with the IPv6 addresses that its IPv6 name resolves to.</summary>
public sealed record HostAddresses(OarHost Host, string Ipv6Name, IReadOnlyList<IPAddress> Addresses);
