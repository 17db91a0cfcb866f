using System.Globalization;
using System.Net;
using System.Text;

namespace G5kFw.Api.Openings;

/// <summary>
/// Writes IPv6 addresses in the text form of RFC 5952: lower-case hex without leading zeros, and the longest run of
/// two or more zero groups (the first of equal runs) as <c>::</c>.
/// </summary>
/// <remarks>
/// .NET's <see cref="IPAddress.ToString"/> writes addresses whose first 96 bits are zero in dotted IPv4 notation
/// (<c>::1.2.3.4</c>), which RFC 5952 keeps for IPv4-mapped and translated addresses only.
/// </remarks>
public static class Ipv6Text
{
    public static string Format(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var groups = new int[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        var (runStart, runLength) = FindLongestZeroRun(groups);
        var text = new StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                text.Append("::");
                i += runLength - 1;
                continue;
            }

            if (text.Length > 0 && text[^1] != ':')
            {
                text.Append(':');
            }

            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static string Format(IPNetwork network) => $"{Format(network.BaseAddress)}/{network.PrefixLength}";

    private static (int Start, int Length) FindLongestZeroRun(int[] groups)
    {
        var (bestStart, bestLength) = (-1, 0);
        for (var start = 0; start < groups.Length; start++)
        {
            var length = 0;
            while (start + length < groups.Length && groups[start + length] == 0)
            {
                length++;
            }

            if (length >= 2 && length > bestLength)
            {
                (bestStart, bestLength) = (start, length);
            }

            start += length;
        }

        return (bestStart, bestLength);
    }
}
