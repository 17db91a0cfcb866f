using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace G5kFw.Api.Tests.Dns;

/// <summary>
/// A dnsmasq of this test class on a free loopback port, answering only from its own hosts file: one name with
/// an IPv6 address and one with only an IPv4 address, in the domain test.example.
/// </summary>
public sealed class OwnDnsServer : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("g5kfw-dns-");
    private Process? _process;

    public IPEndPoint EndPoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // dnsmasq reads the hosts file as the unprivileged user nobody. The tests need dnsmasq, so Linux.
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The DNS tests start dnsmasq, which needs Linux.");
        }

        File.SetUnixFileMode(_directory.FullName, (UnixFileMode)0b111_101_101);
        var hosts = Path.Combine(_directory.FullName, "hosts");
        await File.WriteAllTextAsync(hosts, "2001:db8:5::1 v6.test.example\n192.0.2.5 v4only.test.example\n");

        EndPoint = new IPEndPoint(IPAddress.Loopback, FreeUdpPort());
        _process = Process.Start(new ProcessStartInfo("dnsmasq",
        [
            "--keep-in-foreground", "--conf-file=/dev/null", "--pid-file=", "--listen-address=127.0.0.1",
            "--bind-interfaces", $"--port={EndPoint.Port}", "--no-resolv", "--no-hosts", "--no-poll",
            $"--addn-hosts={hosts}", "--local=/test.example/",
        ])
        {
            RedirectStandardError = true,
        })!;
        await WaitUntilAnsweringAsync();
    }

    public Task DisposeAsync()
    {
        _process?.Kill();
        _process?.Dispose();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Returns a loopback UDP port that no process used when it was chosen.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var lookup = new LookupClient(new LookupClientOptions(EndPoint) { Timeout = TimeSpan.FromMilliseconds(200) });
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await lookup.QueryAsync("v6.test.example", QueryType.AAAA);
                return;
            }
            catch (DnsResponseException) when (!_process!.HasExited)
            {
                await Task.Delay(100);
            }
        }

        var error = await _process!.StandardError.ReadToEndAsync();
        throw new TimeoutException($"dnsmasq did not answer on {EndPoint}: {error}");
    }
}
