namespace G5kFw.Sagas.Jobs;

/// <summary>
/// A marker document for a job that OAR reported ended, so that a request that arrives after the job's saga finished
/// is rejected instead of opening the firewalls again.
/// </summary>
/// <remarks>NOTE: nothing deletes these documents yet. Each one is a few bytes per ended job.</remarks>
public sealed class EndedJob
{
    /// <summary>The document id, <c>{site}/{jobId}</c>, as for the read model.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset EndedAt { get; set; }
}
