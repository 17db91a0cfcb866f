namespace G5kFw.Testing.Network;

/// <summary>
/// Network namespaces that a test creates, joined by veth pairs, with the node servers that run in them. Disposing
/// stops the servers and deletes every namespace, which also deletes the veth pairs and the nftables tables in them.
/// </summary>
public sealed class NamespaceSet : IAsyncDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<NodeServers> _servers = [];

    /// <summary>Creates a namespace with its loopback device up.</summary>
    public async Task AddAsync(string name)
    {
        await Shell.CheckAsync("ip", "netns", "add", name);
        _namespaces.Add(name);
        await Shell.InNamespaceAsync(name, "ip", "link", "set", "lo", "up");
    }

    /// <summary>Starts TCP listeners and UDP echo sockets on the ports, in the namespace.</summary>
    public void Serve(string networkNamespace, IEnumerable<int> ports) => _servers.Add(new NodeServers(networkNamespace, ports));

    public static async Task LinkAsync(string leftNamespace, string left, string rightNamespace, string right)
    {
        await Shell.CheckAsync("ip", "link", "add", left, "netns", leftNamespace, "type", "veth",
            "peer", "name", right, "netns", rightNamespace);
        await Shell.InNamespaceAsync(leftNamespace, "ip", "link", "set", left, "up");
        await Shell.InNamespaceAsync(rightNamespace, "ip", "link", "set", right, "up");
    }

    public static async Task AddressAsync(string networkNamespace, string device, params string[] addresses)
    {
        foreach (var address in addresses)
        {
            // nodad makes the address usable at once instead of after duplicate address detection.
            await Shell.InNamespaceAsync(networkNamespace, "ip", "-6", "address", "add", address, "dev", device, "nodad");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var servers in _servers)
        {
            servers.Dispose();
        }

        foreach (var name in _namespaces)
        {
            await Shell.RunAsync("ip", "netns", "delete", name);
        }
    }
}
