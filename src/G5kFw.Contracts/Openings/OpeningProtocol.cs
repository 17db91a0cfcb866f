namespace G5kFw.Contracts.Openings;

/// <summary>The protocols an opening allows.</summary>
public enum OpeningProtocol
{
    /// <summary>TCP and UDP on the listed ports (<c>"tcp+udp"</c> on the wire).</summary>
    TcpUdp,

    /// <summary>Every IPv6 protocol, with no ports (<c>"all"</c> on the wire).</summary>
    All,
}
