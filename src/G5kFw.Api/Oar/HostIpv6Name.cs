namespace G5kFw.Api.Oar;

/// <summary>Derives a host's IPv6 name from the name that OAR gives it, with the site's pattern.</summary>
public static class HostIpv6Name
{
    /// <summary>
    /// Replaces <c>{fqdn}</c> with the whole OAR name, <c>{short}</c> (or <c>{host}</c>, as the local service
    /// scripts write it) with its first label and <c>{domain}</c> with the rest. A name without a dot has an empty
    /// domain, and the result loses the dot left at its end.
    /// </summary>
    public static string Format(string pattern, string oarName)
    {
        var dot = oarName.IndexOf('.', StringComparison.Ordinal);
        var shortName = dot < 0 ? oarName : oarName[..dot];
        var domain = dot < 0 ? "" : oarName[(dot + 1)..];
        return pattern
            .Replace("{fqdn}", oarName, StringComparison.Ordinal)
            .Replace("{short}", shortName, StringComparison.Ordinal)
            .Replace("{host}", shortName, StringComparison.Ordinal)
            .Replace("{domain}", domain, StringComparison.Ordinal)
            .TrimEnd('.');
    }
}
