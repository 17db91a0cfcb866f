using System.Net;
using System.Net.Sockets;

namespace G5kFw.Testing;

public static class FreePort
{
    /// <summary>Returns a loopback TCP port that was free a moment ago, for a host that the test starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
