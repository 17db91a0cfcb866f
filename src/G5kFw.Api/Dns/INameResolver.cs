namespace G5kFw.Api.Dns;

/// <summary>Resolves host names to IPv6 addresses through the configured name servers.</summary>
public interface INameResolver
{
    Task<NameResolution> ResolveAsync(string name, CancellationToken cancellationToken);
}
