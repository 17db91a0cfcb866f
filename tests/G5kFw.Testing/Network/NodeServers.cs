using System.Net;
using System.Net.Sockets;

namespace G5kFw.Testing.Network;

/// <summary>TCP listeners that accept and close, and UDP sockets that echo, on a node's ports.</summary>
public sealed class NodeServers : IDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stopping = new();

    public NodeServers(string networkNamespace, IEnumerable<int> ports)
    {
        foreach (var port in ports)
        {
            var (tcp, udp) = NamespaceThread.Run(networkNamespace, () =>
            {
                var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                listener.Listen(64);
                var echo = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                echo.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return (listener, echo);
            });
            _sockets.Add(tcp);
            _sockets.Add(udp);
            _ = AcceptAsync(tcp, _stopping.Token);
            _ = EchoAsync(udp, _stopping.Token);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _stopping.Dispose();
    }

    private static async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptAsync(cancellationToken);
            }
        }
        catch (Exception exception)
            when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The lab stops its servers by disposing their sockets.
        }
    }

    private static async Task EchoAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.IPv6Any, 0),
                    cancellationToken);
                await socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), received.RemoteEndPoint,
                    cancellationToken);
            }
        }
        catch (Exception exception)
            when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The lab stops its servers by disposing their sockets.
        }
    }
}
