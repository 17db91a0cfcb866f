namespace G5kFw.Api.Dns;

/// <summary>The name servers that resolve host names to IPv6 addresses (configuration section <c>Dns</c>).</summary>
public sealed class DnsSettings
{
    public const string Section = "Dns";

    /// <summary>
    /// Servers as <c>host:port</c> or <c>[ipv6]:port</c>, with port 53 when it is left out. An empty list means the
    /// machine's resolvers.
    /// </summary>
    public List<string> Servers { get; set; } = [];

    public double TimeoutSeconds { get; set; } = 3;
}
