using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace G5kFw.EndToEnd.Tests.Site;

/// <summary>
/// The site in network namespaces with unique names: an outside host, two border firewalls in series and the four
/// OAR hosts on one bridged /64 behind the second firewall, at the addresses that the local DNS server returns for
/// node-N-ipv6.rennes.example.org.
/// <code>
/// outside 2001:db8:ff::2
///   | 2001:db8:ff::1
/// fw1 -- 2001:db8:fe::/64 -- fw2 (bridge 2001:db8:1::ff)
///                              | node1 2001:db8:1::1 ... node4 2001:db8:1::4
/// </code>
/// </summary>
public sealed class SiteNetwork : IAsyncDisposable
{
    public const int NodeCount = 4;
    public const string ProtectedPrefix = "2001:db8:1::/64";
    public static readonly IPAddress OutsideAddress = IPAddress.Parse("2001:db8:ff::2");

    /// <summary>Ports on which every node accepts TCP connections and echoes UDP datagrams.</summary>
    public static readonly int[] ServedPorts = [22, 80, 443, 1000, 2000, 5000];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private readonly NamespaceSet _namespaces = new();

    private SiteNetwork(string prefix)
    {
        Outside = prefix + "out";
        Firewall1 = prefix + "fw1";
        Firewall2 = prefix + "fw2";
        Nodes = Enumerable.Range(1, NodeCount).Select(number => $"{prefix}n{number}").ToList();
    }

    public string Outside { get; }

    public string Firewall1 { get; }

    public string Firewall2 { get; }

    public IReadOnlyList<string> Firewalls => [Firewall1, Firewall2];

    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The IPv6 address of OAR host node-N, as the local DNS server resolves node-N-ipv6.</summary>
    public static IPAddress NodeAddress(int number) => IPAddress.Parse($"2001:db8:1::{number}");

    public static async Task<SiteNetwork> CreateAsync()
    {
        var site = new SiteNetwork($"g5e{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        try
        {
            await site.BuildAsync();
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects from the outside host to a node's TCP port; false when the firewalls drop the connection.</summary>
    public async Task<bool> ConnectTcpAsync(IPAddress destination, int port)
    {
        using var socket = NamespaceThread.Run(Outside, () =>
        {
            var created = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            created.Bind(new IPEndPoint(OutsideAddress, 0));
            return created;
        });
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(destination, port), timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _namespaces.DisposeAsync();

    private async Task BuildAsync()
    {
        foreach (var name in new[] { Outside, Firewall1, Firewall2 }.Concat(Nodes))
        {
            await _namespaces.AddAsync(name);
        }

        await NamespaceSet.LinkAsync(Outside, "eth0", Firewall1, "eth0");
        await NamespaceSet.LinkAsync(Firewall1, "eth1", Firewall2, "eth0");
        await Shell.InNamespaceAsync(Firewall2, "ip", "link", "add", "br0", "type", "bridge");
        await Shell.InNamespaceAsync(Firewall2, "ip", "link", "set", "br0", "up");
        for (var number = 1; number <= NodeCount; number++)
        {
            var port = $"node{number}";
            await NamespaceSet.LinkAsync(Firewall2, port, Nodes[number - 1], "eth0");
            await Shell.InNamespaceAsync(Firewall2, "ip", "link", "set", port, "master", "br0");
            await NamespaceSet.AddressAsync(Nodes[number - 1], "eth0", $"{NodeAddress(number)}/64");
            await Shell.InNamespaceAsync(Nodes[number - 1], "ip", "-6", "route", "add", "default", "via", "2001:db8:1::ff");
        }

        await NamespaceSet.AddressAsync(Outside, "eth0", "2001:db8:ff::2/64");
        await NamespaceSet.AddressAsync(Firewall1, "eth0", "2001:db8:ff::1/64");
        await NamespaceSet.AddressAsync(Firewall1, "eth1", "2001:db8:fe::1/64");
        await NamespaceSet.AddressAsync(Firewall2, "eth0", "2001:db8:fe::2/64");
        await NamespaceSet.AddressAsync(Firewall2, "br0", "2001:db8:1::ff/64");
        await Shell.InNamespaceAsync(Outside, "ip", "-6", "route", "add", "default", "via", "2001:db8:ff::1");
        await Shell.InNamespaceAsync(Firewall1, "ip", "-6", "route", "add", ProtectedPrefix, "via", "2001:db8:fe::2");
        await Shell.InNamespaceAsync(Firewall2, "ip", "-6", "route", "add", "default", "via", "2001:db8:fe::1");
        foreach (var firewall in Firewalls)
        {
            await Shell.InNamespaceAsync(firewall, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        }

        foreach (var node in Nodes)
        {
            _namespaces.Serve(node, ServedPorts);
        }

        // The first packets towards a neighbor that is not resolved yet can be lost, and TCP retransmits its SYN only
        // after one second, so every path is used once before the firewalls get their tables.
        for (var number = 1; number <= NodeCount; number++)
        {
            await WarmUpAsync(NodeAddress(number));
        }
    }

    private async Task WarmUpAsync(IPAddress node)
    {
        for (var attempt = 1; !await ConnectTcpAsync(node, ServedPorts[0]); attempt++)
        {
            if (attempt == 5)
            {
                throw new InvalidOperationException(
                    $"TCP to [{node}]:{ServedPorts[0]} failed {attempt} times before any firewall rule exists.");
            }
        }
    }
}
