using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace G5kFw.Api.Openings;

/// <summary>Parses one item of <c>addr</c> or <c>src_addr</c> into an IPv6 network or a host name.</summary>
public static partial class AddressParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. Destinations (<paramref name="allowNetworks"/> false) take host addresses,
    /// bare or /128, and host names; sources also take networks, whose bits after the prefix must be zero.
    /// On failure <paramref name="problem"/> completes the sentence "addr "x" ...".
    /// </summary>
    public static bool TryParse(string text, bool allowNetworks, out AddressItem? item, out string? problem)
    {
        item = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];

        if (text.Contains('%', StringComparison.Ordinal))
        {
            problem = "has a zone id, which only has a meaning on one host. Remove the %zone part";
            return false;
        }

        if (IsDottedDecimal(addressText))
        {
            problem = "is an IPv4 address, but the firewalls open only IPv6 destinations and sources";
            return false;
        }

        if (slash < 0 && !addressText.Contains(':', StringComparison.Ordinal))
        {
            return TryParseHostName(text, out item, out problem);
        }

        if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            problem = "is not a valid IPv6 address";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            problem = "is an IPv4-mapped address, but the firewalls open only IPv6. Give the host's IPv6 address";
            return false;
        }

        if (!TryParsePrefixLength(text, slash, out var prefixLength))
        {
            problem = "has an invalid prefix length. Write a length from 0 to 128 after the slash";
            return false;
        }

        return TryCreateNetwork(text, address, prefixLength, allowNetworks, out item, out problem);
    }

    private static bool TryCreateNetwork(
        string text,
        IPAddress address,
        int prefixLength,
        bool allowNetworks,
        out AddressItem? item,
        out string? problem)
    {
        item = null;
        if (prefixLength != 128 && !allowNetworks)
        {
            problem = "is a network, but addr takes only host addresses, bare or with /128";
            return false;
        }

        var baseAddress = ClearHostBits(address, prefixLength);
        if (!baseAddress.Equals(address))
        {
            problem = $"has bits set after the /{prefixLength} prefix. " +
                $"Write the network as {Ipv6Text.Format(baseAddress)}/{prefixLength}";
            return false;
        }

        if (prefixLength == 128 && (address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any)))
        {
            problem = "is not a host address";
            return false;
        }

        problem = null;
        item = AddressItem.ForNetwork(text, new IPNetwork(address, prefixLength));
        return true;
    }

    private static bool TryParseHostName(string text, out AddressItem? item, out string? problem)
    {
        if (text.TrimEnd('.').Length <= 253 && HostNamePattern().IsMatch(text))
        {
            item = AddressItem.ForHostName(text);
            problem = null;
            return true;
        }

        item = null;
        problem = "is neither an IPv6 address nor a valid host name";
        return false;
    }

    private static bool TryParsePrefixLength(string text, int slash, out int prefixLength)
    {
        if (slash < 0)
        {
            prefixLength = 128;
            return true;
        }

        return int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength)
            && prefixLength <= 128;
    }

    private static IPAddress ClearHostBits(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static bool IsDottedDecimal(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.');

    // RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, with an optional final dot.
    [GeneratedRegex(
        @"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")]
    private static partial Regex HostNamePattern();
}
