namespace G5kFw.Api.Dns;

public enum NameResolutionStatus
{
    Resolved,

    /// <summary>The name does not exist, or it exists without any IPv6 address (AAAA record).</summary>
    NoAddress,

    /// <summary>No name server responded, or one reported a server failure: the name may be valid.</summary>
    Failed,
}
