using G5kFw.Contracts.Openings;

namespace G5kFw.Sagas.Jobs;

/// <summary>Compares and merges openings by value, because records compare their lists by reference.</summary>
public static class OpeningSet
{
    /// <summary>Returns the requested openings that <paramref name="existing"/> lacks, each once.</summary>
    public static List<Opening> FindNew(IEnumerable<Opening> existing, IEnumerable<Opening> requested)
    {
        var known = existing.Select(Key).ToHashSet(StringComparer.Ordinal);
        return requested.Where(opening => known.Add(Key(opening))).ToList();
    }

    /// <summary>A canonical text form: equal openings have equal keys whatever the order of their lists.</summary>
    public static string Key(Opening opening)
    {
        var addresses = string.Join(',', opening.Addresses.Order(StringComparer.Ordinal));
        var ports = string.Join(
            ',', opening.Ports.OrderBy(port => port.First).Select(port => $"{port.First}-{port.Last}"));
        var sources = opening.Sources is null ? "*" : string.Join(',', opening.Sources.Order(StringComparer.Ordinal));
        return $"{opening.Protocol}|{addresses}|{ports}|{sources}";
    }
}
