using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Rules;

/// <summary>
/// Merges port ranges and prefixes so that no two elements of one nftables set overlap, because a set with
/// <c>flags interval</c> rejects overlapping elements and fails the whole transaction.
/// </summary>
public static class RangeMerging
{
    /// <summary>Sorts the ranges and joins those that overlap or touch (80..90 and 91..95 become 80..95).</summary>
    public static IReadOnlyList<PortRange> MergePorts(IEnumerable<PortRange> ranges)
    {
        var merged = new List<PortRange>();
        foreach (var range in ranges.OrderBy(range => range.First).ThenBy(range => range.Last))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { Last = Math.Max(last.Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>
    /// Sorts the prefixes and drops every prefix that another one contains. Two IPv6 prefixes either nest or
    /// do not overlap at all, so the result has no overlapping elements.
    /// </summary>
    public static IReadOnlyList<Ipv6Prefix> MergePrefixes(IEnumerable<Ipv6Prefix> prefixes)
    {
        var merged = new List<Ipv6Prefix>();
        foreach (var prefix in prefixes.OrderBy(prefix => prefix.First).ThenBy(prefix => prefix.Length))
        {
            if (merged.Count == 0 || !merged[^1].Contains(prefix))
            {
                merged.Add(prefix);
            }
        }

        return merged;
    }

    /// <summary>
    /// Returns the parts of the merged <paramref name="ranges"/> that no range of <paramref name="removed"/> covers.
    /// </summary>
    public static IReadOnlyList<PortRange> SubtractPorts(IReadOnlyList<PortRange> ranges,
        IReadOnlyList<PortRange> removed)
    {
        var result = new List<PortRange>();
        foreach (var range in ranges)
        {
            var first = range.First;
            foreach (var hole in MergePorts(removed).Where(hole =>
                hole.Last >= range.First && hole.First <= range.Last))
            {
                if (hole.First > first)
                {
                    result.Add(new PortRange(first, hole.First - 1));
                }

                first = Math.Max(first, hole.Last + 1);
            }

            if (first <= range.Last)
            {
                result.Add(new PortRange(first, range.Last));
            }
        }

        return result;
    }
}
