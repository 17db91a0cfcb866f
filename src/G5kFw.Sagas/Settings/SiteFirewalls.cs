using Microsoft.Extensions.Configuration;

namespace G5kFw.Sagas.Settings;

/// <summary>The border firewalls of each site, from the array of names <c>Sites:{site}:Firewalls</c>.</summary>
public sealed class SiteFirewalls(IConfiguration configuration)
{
    public IReadOnlyList<string> For(string site) =>
        configuration.GetSection($"Sites:{site}:Firewalls").Get<string[]>() ?? [];
}
