using System.Text.RegularExpressions;
using G5kFw.Firewall.Rules;
using G5kFw.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;

namespace G5kFw.Firewall.Settings;

/// <summary>
/// Reads and validates the <c>Agents</c> settings. Every error names the setting and the expected value.
/// </summary>
public static partial class FirewallAgentSettingsReader
{
    public static IReadOnlyList<FirewallAgentSettings> Read(IConfiguration configuration)
    {
        var agents = new List<FirewallAgentSettings>();
        var items = configuration.GetSection(FirewallAgentSettings.Section).GetChildren().ToList();
        for (var index = 0; index < items.Count; index++)
        {
            var settings = new FirewallAgentSettings();
            items[index].Bind(settings);
            Validate(settings, $"{FirewallAgentSettings.Section}:{index}");
            agents.Add(settings);
        }

        var duplicate = agents.GroupBy(agent => agent.Firewall, StringComparer.Ordinal).FirstOrDefault(group =>
            group.Count() > 1);
        if (duplicate is not null)
        {
            throw new SettingsException(
                $"Setting '{FirewallAgentSettings.Section}' lists firewall '{duplicate.Key}' twice; give each agent " +
                    "its own firewall.");
        }

        return agents;
    }

    /// <summary>Parses the protected prefixes, or throws naming the setting and the invalid value.</summary>
    public static IReadOnlyList<Ipv6Prefix> ParseProtectedPrefixes(FirewallAgentSettings settings, string key)
    {
        if (settings.ProtectedPrefixes.Count == 0)
        {
            throw new SettingsException(
                $"Setting '{key}:ProtectedPrefixes' is empty; list the IPv6 prefixes of the nodes, such as " +
                    "2001:db8:2::/64.");
        }

        return settings.ProtectedPrefixes.Select(text => Ipv6Prefix.TryParse(text, out var prefix)
            ? prefix
            : throw new SettingsException(
                $"Setting '{key}:ProtectedPrefixes' contains '{text}'; expected an IPv6 network such as " +
                    "2001:db8:2::/64."))
            .ToList();
    }

    public static void Validate(FirewallAgentSettings settings, string key)
    {
        if (!NamePattern().IsMatch(settings.Firewall))
        {
            throw new SettingsException(
                $"Setting '{key}:Firewall' is '{settings.Firewall}'; expected a name of letters, digits, '.', '_' or " +
                    "'-'.");
        }

        if (string.IsNullOrWhiteSpace(settings.Site))
        {
            throw new SettingsException(
                $"Setting '{key}:Site' is missing; set the site of firewall '{settings.Firewall}'.");
        }

        if (settings.Namespace is not null && !NamePattern().IsMatch(settings.Namespace))
        {
            throw new SettingsException(
                $"Setting '{key}:Namespace' is '{settings.Namespace}'; expected a network namespace name under " +
                    "/run/netns.");
        }

        if (!TablePattern().IsMatch(settings.Table))
        {
            throw new SettingsException(
                $"Setting '{key}:Table' is '{settings.Table}'; expected a letter then up to 31 letters, digits or " +
                    "'_'.");
        }

        ParseProtectedPrefixes(settings, key);

        if (settings.DriftCheckSeconds < 1)
        {
            throw new SettingsException(
                $"Setting '{key}:DriftCheckSeconds' is {settings.DriftCheckSeconds}; expected a number of seconds of " +
                    "1 or more.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,31}$")]
    private static partial Regex TablePattern();
}
