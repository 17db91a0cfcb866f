using System.Net;
using G5kFw.Api.Dns;

namespace G5kFw.Api.Openings;

/// <summary>The addresses of the host names in parsed openings, the names that have none, and DNS failures.</summary>
public sealed record NameResolving(
    IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Addresses,
    IReadOnlyList<OpeningError> Errors,
    IReadOnlyList<string> FailedLookups)
{
    /// <summary>Resolves every distinct host name of <paramref name="openings"/> once.</summary>
    public static async Task<NameResolving> ResolveAsync(
        IReadOnlyList<ParsedOpening> openings, INameResolver resolver, CancellationToken cancellationToken)
    {
        var occurrences = openings
            .SelectMany(o => o.Destinations.Select(item => (o.Index, Field: OpeningParser.AddrField, item))
                .Concat((o.Sources ?? []).Select(item => (o.Index, Field: OpeningParser.SourceField, item))))
            .Where(occurrence => occurrence.item.HostName is not null)
            .ToList();
        var names = occurrences.Select(o => o.item.HostName!).Distinct(StringComparer.Ordinal).ToList();
        var lookups = await Task.WhenAll(names.Select(name => resolver.ResolveAsync(name, cancellationToken)));
        var results = names.Zip(lookups).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);

        var errors = occurrences
            .Where(o => results[o.item.HostName!].Status == NameResolutionStatus.NoAddress)
            .Select(o => OpeningError.ForValue(o.Index, o.Field, o.item.Text,
                $"has no IPv6 address, because {results[o.item.HostName!].Detail}. " +
                "Check the name, or give the IPv6 address instead"))
            .ToList();
        var failed = results
            .Where(pair => pair.Value.Status == NameResolutionStatus.Failed)
            .Select(pair => $"{pair.Key} ({pair.Value.Detail})")
            .ToList();
        var addresses = results
            .Where(pair => pair.Value.Status == NameResolutionStatus.Resolved)
            .ToDictionary(pair => pair.Key, pair => pair.Value.Addresses, StringComparer.Ordinal);
        return new NameResolving(addresses, errors, failed);
    }
}
