using System.Net;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>
/// Turns parsed openings into the one form that the saga stores and the API returns: names replaced by their
/// addresses, addresses as RFC 5952 networks (<c>addr/128</c>, <c>addr/len</c>), sorted and without repeats,
/// overlapping port ranges merged, and repeated openings dropped.
/// </summary>
public static class OpeningNormalizer
{
    /// <param name="openings">Parsed openings.</param>
    /// <param name="names">
    /// The IPv6 addresses of every host name in <paramref name="openings"/>, by lower-case name.
    /// </param>
    public static IReadOnlyList<Opening> Normalize(
        IEnumerable<ParsedOpening> openings, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> names)
    {
        var result = new List<Opening>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parsed in openings)
        {
            var opening = new Opening(
                Expand(parsed.Destinations, names),
                MergePorts(parsed.Ports),
                parsed.Protocol,
                parsed.Sources is null ? null : Expand(parsed.Sources, names));

            if (keys.Add(KeyOf(opening)))
            {
                result.Add(opening);
            }
        }

        return result;
    }

    /// <summary>
    /// Sorts the ranges and merges those that overlap. Adjacent ranges stay apart, so that <c>[22, 23]</c> keeps the
    /// form the client wrote.
    /// </summary>
    public static IReadOnlyList<PortRange> MergePorts(IEnumerable<PortRange> ports)
    {
        var merged = new List<PortRange>();
        foreach (var range in ports.OrderBy(p => p.First).ThenBy(p => p.Last))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>
    /// Returns a text that is equal for two openings exactly when they open the same traffic in the same form.
    /// </summary>
    public static string KeyOf(Opening opening) => string.Join('|',
        string.Join(',', opening.Addresses),
        string.Join(',', opening.Ports.Select(p => $"{p.First}-{p.Last}")),
        opening.Protocol,
        opening.Sources is null ? "any" : string.Join(',', opening.Sources));

    private static List<string> Expand(
        IEnumerable<AddressItem> items, IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> names)
    {
        var networks = new List<IPNetwork>();
        foreach (var item in items)
        {
            if (item.Network is { } network)
            {
                networks.Add(network);
            }
            else
            {
                networks.AddRange(names[item.HostName!].Select(address => new IPNetwork(address, 128)));
            }
        }

        return networks
            .Distinct()
            .OrderBy(n => n.BaseAddress.GetAddressBytes(), ByteOrder.Instance)
            .ThenBy(n => n.PrefixLength)
            .Select(Ipv6Text.Format)
            .ToList();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
