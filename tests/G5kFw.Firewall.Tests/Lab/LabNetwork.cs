using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace G5kFw.Firewall.Tests.Lab;

/// <summary>
/// The test topology in network namespaces with unique names: an outside host, two border firewalls in series
/// and two nodes, each node on its own /64 behind the second firewall.
/// <code>
/// outside 2001:db8:1::2, 2001:db8:3::2
///   | 2001:db8:1::1, 2001:db8:3::1
/// firewall1 -- 2001:db8:f::/64 -- firewall2
///                                   | 2001:db8:2:1::1      | 2001:db8:2:2::1
///                                 node1 2001:db8:2:1::10  node2 2001:db8:2:2::10
/// </code>
/// </summary>
internal sealed class LabNetwork : IAsyncDisposable
{
    public static readonly IPAddress OutsideAddress = IPAddress.Parse("2001:db8:1::2");
    public static readonly IPAddress OtherOutsideAddress = IPAddress.Parse("2001:db8:3::2");
    public static readonly IPAddress Node1Address = IPAddress.Parse("2001:db8:2:1::10");
    public static readonly IPAddress Node2Address = IPAddress.Parse("2001:db8:2:2::10");
    public const string ProtectedPrefix = "2001:db8:2::/48";

    /// <summary>Ports on which both nodes accept TCP connections and echo UDP datagrams.</summary>
    public static readonly int[] ServedPorts = [22, 80, 81, 999, 1000, 1010, 1011, 5000];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private readonly NamespaceSet _namespaces = new();

    private LabNetwork(string prefix)
    {
        Outside = prefix + "out";
        Firewall1 = prefix + "fw1";
        Firewall2 = prefix + "fw2";
        Node1 = prefix + "n1";
        Node2 = prefix + "n2";
    }

    public string Outside { get; }

    public string Firewall1 { get; }

    public string Firewall2 { get; }

    public string Node1 { get; }

    public string Node2 { get; }

    public static async Task<LabNetwork> CreateAsync()
    {
        var lab = new LabNetwork($"g5t{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        try
        {
            await lab.BuildAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends every probe at once from the outside host and returns whether each one got through.</summary>
    public async Task<IReadOnlyList<(Probe Probe, bool Passed)>> SendAsync(IEnumerable<Probe> probes)
    {
        var list = probes.ToList();
        var results = await Task.WhenAll(list.Select(SendAsync));
        return list.Zip(results).ToList();
    }

    public async Task<bool> SendAsync(Probe probe) => probe.Kind switch
    {
        ProbeKind.Tcp => await ConnectTcpAsync(probe),
        ProbeKind.Udp => await ExchangeUdpAsync(probe),
        _ => await PingAsync(probe),
    };

    /// <summary>Returns both firewalls' rulesets, for failure messages.</summary>
    public async Task<string> ListTablesAsync()
    {
        var first = await Shell.RunAsync("ip", "netns", "exec", Firewall1, "nft", "list", "ruleset");
        var second = await Shell.RunAsync("ip", "netns", "exec", Firewall2, "nft", "list", "ruleset");
        return $"firewall1:\n{first.Output}\nfirewall2:\n{second.Output}";
    }

    public ValueTask DisposeAsync() => _namespaces.DisposeAsync();

    private async Task BuildAsync()
    {
        foreach (var name in new[] { Outside, Firewall1, Firewall2, Node1, Node2 })
        {
            await _namespaces.AddAsync(name);
        }

        await NamespaceSet.LinkAsync(Outside, "eth0", Firewall1, "eth0");
        await NamespaceSet.LinkAsync(Firewall1, "eth1", Firewall2, "eth0");
        await NamespaceSet.LinkAsync(Firewall2, "eth1", Node1, "eth0");
        await NamespaceSet.LinkAsync(Firewall2, "eth2", Node2, "eth0");

        await NamespaceSet.AddressAsync(Outside, "eth0", "2001:db8:1::2/64", "2001:db8:3::2/64");
        await NamespaceSet.AddressAsync(Firewall1, "eth0", "2001:db8:1::1/64", "2001:db8:3::1/64");
        await NamespaceSet.AddressAsync(Firewall1, "eth1", "2001:db8:f::1/64");
        await NamespaceSet.AddressAsync(Firewall2, "eth0", "2001:db8:f::2/64");
        await NamespaceSet.AddressAsync(Firewall2, "eth1", "2001:db8:2:1::1/64");
        await NamespaceSet.AddressAsync(Firewall2, "eth2", "2001:db8:2:2::1/64");
        await NamespaceSet.AddressAsync(Node1, "eth0", "2001:db8:2:1::10/64");
        await NamespaceSet.AddressAsync(Node2, "eth0", "2001:db8:2:2::10/64");

        await Shell.InNamespaceAsync(Outside, "ip", "-6", "route", "add", "default", "via", "2001:db8:1::1");
        await Shell.InNamespaceAsync(Firewall1, "ip", "-6", "route", "add", ProtectedPrefix, "via", "2001:db8:f::2");
        await Shell.InNamespaceAsync(Firewall2, "ip", "-6", "route", "add", "default", "via", "2001:db8:f::1");
        await Shell.InNamespaceAsync(Node1, "ip", "-6", "route", "add", "default", "via", "2001:db8:2:1::1");
        await Shell.InNamespaceAsync(Node2, "ip", "-6", "route", "add", "default", "via", "2001:db8:2:2::1");
        foreach (var firewall in new[] { Firewall1, Firewall2 })
        {
            await Shell.InNamespaceAsync(firewall, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        }

        _namespaces.Serve(Node1, ServedPorts);
        _namespaces.Serve(Node2, ServedPorts);

        // The first packets towards a host whose neighbor entry is not resolved yet were lost in this lab, and TCP
        // retransmits its SYN only after one second, so every path is used once before the firewalls get tables.
        foreach (var source in new[] { OutsideAddress, OtherOutsideAddress })
        {
            foreach (var node in new[] { Node1Address, Node2Address })
            {
                await WarmUpAsync(new Probe(ProbeKind.Icmp, node, 0, source));
                await WarmUpAsync(new Probe(ProbeKind.Tcp, node, ServedPorts[0], source));
                await WarmUpAsync(new Probe(ProbeKind.Udp, node, ServedPorts[0], source));
            }
        }
    }

    private async Task WarmUpAsync(Probe probe)
    {
        for (var attempt = 1; !await SendAsync(probe); attempt++)
        {
            if (attempt == 5)
            {
                throw new InvalidOperationException($"{probe} failed {attempt} times before any firewall rule exists.");
            }
        }
    }

    private async Task<bool> ConnectTcpAsync(Probe probe)
    {
        using var socket = NamespaceThread.Run(Outside, () => BoundSocket(SocketType.Stream, ProtocolType.Tcp,
            probe.Source));
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(probe.Destination, probe.Port), timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> ExchangeUdpAsync(Probe probe)
    {
        using var socket = NamespaceThread.Run(Outside, () => BoundSocket(SocketType.Dgram, ProtocolType.Udp,
            probe.Source));
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        var payload = "g5kfw probe"u8.ToArray();
        var buffer = new byte[64];
        try
        {
            await socket.SendToAsync(payload, new IPEndPoint(probe.Destination, probe.Port), timeout.Token);
            var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.IPv6Any, 0), timeout.Token);
            return buffer.AsSpan(0, received.ReceivedBytes).SequenceEqual(payload);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> PingAsync(Probe probe)
    {
        var (exitCode, _) = await Shell.RunAsync("ip", "netns", "exec", Outside,
            "ping", "-6", "-n", "-q", "-c", "1", "-W", "1", "-I", probe.Source.ToString(),
                probe.Destination.ToString());
        return exitCode == 0;
    }

    private static Socket BoundSocket(SocketType type, ProtocolType protocol, IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, type, protocol);
        socket.Bind(new IPEndPoint(source, 0));
        return socket;
    }
}
