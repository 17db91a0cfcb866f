namespace G5kFw.Api.Settings;

/// <summary>One site that the API serves (configuration section <c>Sites:{site}</c>).</summary>
public sealed class SiteSettings
{
    public const string Section = "Sites";

    public OarSettings Oar { get; set; } = new();

    /// <summary>
    /// The IPv6 name of a host, from the name that OAR gives it. <c>{fqdn}</c> is that whole name, <c>{short}</c>
    /// (or <c>{host}</c>) its first label and <c>{domain}</c> the rest: with <c>{short}-ipv6.{domain}</c>,
    /// node-3.rennes.example.org has the IPv6 name node-3-ipv6.rennes.example.org.
    /// </summary>
    public string HostIpv6NamePattern { get; set; } = "{short}-ipv6.{domain}";
}
