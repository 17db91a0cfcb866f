using System.Net;

namespace G5kFw.Testing.Network;

public enum ProbeKind
{
    Tcp,
    Udp,
    Icmp,
}

/// <summary>
/// One attempt from the outside host to reach a node: a TCP connect, a UDP exchange or an ICMPv6 echo.
/// </summary>
public sealed record Probe(ProbeKind Kind, IPAddress Destination, int Port, IPAddress Source)
{
    public override string ToString() => Kind == ProbeKind.Icmp
        ? $"ICMPv6 echo {Source} -> {Destination}"
        : $"{Kind} {Source} -> [{Destination}]:{Port}";
}
