using G5kFw.Contracts.Openings;

namespace G5kFw.Sagas.Jobs;

/// <summary>A request that waits for every firewall to apply <see cref="Generation"/>, and its reply address.</summary>
public sealed class PendingReply
{
    /// <summary>The request id of the MassTransit request client, which the reply carries back.</summary>
    public Guid? TransportRequestId { get; set; }

    public Uri ResponseAddress { get; set; } = null!;

    /// <summary>The request id of the message itself.</summary>
    public Guid RequestId { get; set; }

    public long Generation { get; set; }

    public List<Opening> Added { get; set; } = [];

    /// <summary>The time after which the saga replies pending, even though no firewall failed.</summary>
    public DateTimeOffset Deadline { get; set; }
}
