namespace G5kFw.Firewall.Rules;

/// <summary>A job's rules contain a value that the agent cannot turn into an nftables value.</summary>
public sealed class InvalidJobRulesException(string message) : Exception(message);
