using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>The wire names of <see cref="OpeningProtocol"/> in request and response bodies.</summary>
public static class ProtocolNames
{
    public const string TcpUdp = "tcp+udp";
    public const string All = "all";

    public static string Of(OpeningProtocol protocol) => protocol == OpeningProtocol.All ? All : TcpUdp;
}
