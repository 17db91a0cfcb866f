using G5kFw.Contracts.Openings;

namespace G5kFw.Sagas.ReadModels;

/// <summary>
/// The desired openings of one job, as a Marten document that the API reads for GET. The job saga stores it in the
/// same transaction as its own state, and deletes it when every firewall removed an ended job.
/// </summary>
public sealed class JobOpenings
{
    /// <summary>The document id, <c>{site}/{jobId}</c>: see <see cref="IdFor"/>.</summary>
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public long JobId { get; set; }

    public long Generation { get; set; }

    public List<Opening> Openings { get; set; } = [];

    /// <summary>Whether OAR reported the job ended; its openings are then being removed.</summary>
    public bool Ended { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string IdFor(string site, long jobId) => $"{site}/{jobId}";
}
