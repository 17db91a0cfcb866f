using G5kFw.Contracts.Openings;

namespace G5kFw.Api.ReadModel;

/// <summary>
/// The Marten document of a job's current openings, with the id <c>{site}/{job id}</c>.
/// </summary>
/// <remarks>
/// TODO: the job saga writes this read model. Until it ships its own document type, this one takes its place, and
/// only the API's tests write it.
/// </remarks>
public sealed class JobOpenings
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public long JobId { get; set; }

    public List<Opening> Openings { get; set; } = [];

    public static string IdOf(string site, long jobId) => $"{site}/{jobId}";
}
