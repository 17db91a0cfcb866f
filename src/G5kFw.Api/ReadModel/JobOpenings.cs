using G5kFw.Contracts.Openings;

namespace G5kFw.Api.ReadModel;

/// <summary>
/// The Marten document of a job's current openings, with the id <c>{site}/{job id}</c>.
/// </summary>
/// <remarks>
/// TODO: read the job saga's own read model instead (G5kFw.Sagas.ReadModels.JobOpenings, with the same id and
/// openings) once the saga is merged. Until then only the API's tests write this document.
/// </remarks>
public sealed class JobOpenings
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public long JobId { get; set; }

    public List<Opening> Openings { get; set; } = [];

    public static string IdOf(string site, long jobId) => $"{site}/{jobId}";
}
