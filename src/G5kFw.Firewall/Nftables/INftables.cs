namespace G5kFw.Firewall.Nftables;

/// <summary>Runs nftables scripts in one network namespace.</summary>
public interface INftables : IDisposable
{
    /// <summary>Runs a script as one transaction, or throws <see cref="NftablesException"/> with nft's error.</summary>
    Task RunAsync(string script, CancellationToken cancellationToken);

    /// <summary>Runs a <c>list</c> command and returns its JSON output.</summary>
    Task<string> ListJsonAsync(string command, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the namespace's ruleset generation id, which the kernel increments with every committed transaction,
    /// or null when this runner cannot read it.
    /// </summary>
    Task<uint?> ReadGenerationAsync(CancellationToken cancellationToken);
}
