namespace G5kFw.Firewall.Nftables;

/// <summary>An nftables script or listing that failed, with nft's error output as the message.</summary>
public sealed class NftablesException(string message) : Exception(message);
