namespace G5kFw.Firewall.Agents;

/// <summary>The firewall agents that this process runs, by firewall name.</summary>
public sealed class FirewallAgentRegistry(IEnumerable<FirewallAgent> agents)
{
    private readonly Dictionary<string, FirewallAgent> _agents =
        agents.ToDictionary(agent => agent.Settings.Firewall, StringComparer.Ordinal);

    public IReadOnlyCollection<FirewallAgent> Agents => _agents.Values;

    public FirewallAgent? Find(string firewall) => _agents.GetValueOrDefault(firewall);
}
