using G5kFw.Contracts.Openings;
using MassTransit;

namespace G5kFw.Sagas.Jobs;

/// <summary>
/// The saga state of one OAR job on one site: its desired openings at a generation that grows with every change,
/// what each firewall of the site applied, and the requests that wait for a reply.
/// </summary>
public sealed class OarJobState : SagaStateMachineInstance, ISaga
{
    /// <summary>How many request ids the saga remembers to ignore a request delivered twice.</summary>
    public const int RememberedRequests = 256;

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public string Site { get; set; } = "";

    public long JobId { get; set; }

    public long Generation { get; set; }

    public List<Opening> Openings { get; set; } = [];

    public List<FirewallProgress> Firewalls { get; set; } = [];

    public List<PendingReply> PendingReplies { get; set; } = [];

    public List<Guid> HandledRequestIds { get; set; } = [];

    /// <summary>Why the openings were last removed, for the removal event, or null after openings are added.</summary>
    public string? RemovalReason { get; set; }

    /// <summary>The last generation announced as applied or removed on every firewall.</summary>
    public long AnnouncedGeneration { get; set; }

    /// <summary>The last generation announced as pending.</summary>
    public long PendingAnnouncedGeneration { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the job's reply trigger fires, or null when the saga scheduled none.</summary>
    public DateTimeOffset? ReplyDeadlineScheduledAt { get; set; }

    public bool IsAppliedEverywhere(long generation) =>
        Firewalls.All(firewall => firewall.AppliedGeneration >= generation);

    /// <summary>Whether the job ended and every firewall applied the generation that removed its openings.</summary>
    public bool IsRemovedEverywhere => EndedAt is not null && IsAppliedEverywhere(Generation);

    public List<string> FirewallsBehind(long generation) =>
        Firewalls.Where(firewall => firewall.AppliedGeneration < generation).Select(firewall => firewall.Name).ToList();

    public FirewallProgress? FindFirewall(string name) =>
        Firewalls.Find(firewall => string.Equals(firewall.Name, name, StringComparison.Ordinal));

    /// <summary>Records a request id, and returns false when the saga handled that request before.</summary>
    public bool RememberRequest(Guid requestId)
    {
        if (HandledRequestIds.Contains(requestId))
        {
            return false;
        }

        HandledRequestIds.Add(requestId);
        if (HandledRequestIds.Count > RememberedRequests)
        {
            HandledRequestIds.RemoveAt(0);
        }

        return true;
    }
}
