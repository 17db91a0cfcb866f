using System.Net;
using G5kFw.Infrastructure.Settings;

namespace G5kFw.Api.Identity;

/// <summary>
/// Finds the caller's login in the <c>X-Api-User-CN</c> header that the testbed's API gateway sets after it
/// authenticated the user. The header counts only from a trusted proxy, so that a client cannot name itself.
/// </summary>
public sealed class CallerIdentity
{
    public const string HeaderName = "X-Api-User-CN";

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _trustedProxies;
    private readonly HashSet<string> _administrators;

    public CallerIdentity(IdentitySettings settings)
    {
        _trustedProxies = settings.TrustedProxies.Count == 0
            ? Loopback
            : settings.TrustedProxies.Select(ParseProxy).ToArray();
        _administrators = new HashSet<string>(
            settings.Administrators.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Returns the lower-case login, or null when no trusted proxy named a user.</summary>
    public string? FindCaller(IPAddress? remoteAddress, string? header)
    {
        if (remoteAddress is null || !IsTrustedProxy(remoteAddress))
        {
            return null;
        }

        var login = header?.Trim().ToLowerInvariant();
        return login is null or "" or "unknown" or "(unknown)" ? null : login;
    }

    public bool IsTrustedProxy(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _trustedProxies.Any(network => network.Contains(normalized));
    }

    public bool IsAdministrator(string login) => _administrators.Contains(login);

    /// <summary>
    /// Cuts a header value to 64 characters for a message or a log line, so that a client cannot make the API echo
    /// a huge header.
    /// </summary>
    public static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";

    private static IPNetwork ParseProxy(string text)
    {
        var trimmed = text.Trim();
        if (IPNetwork.TryParse(trimmed, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(trimmed, out var address))
        {
            return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        }

        throw new SettingsException(
            $"Setting 'Identity:TrustedProxies' has the entry \"{text}\", which is not an IP address or network. " +
            "Write entries such as 127.0.0.1, ::1 or 2001:db8::/64.");
    }
}
