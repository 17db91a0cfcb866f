namespace G5kFw.Api.Oar;

/// <summary>Reads a job of a site's OAR server.</summary>
public interface IOarJobReader
{
    /// <summary>Returns the job, or null when the site's OAR has no job with that id.</summary>
    Task<OarJob?> FindJobAsync(string site, long jobId, CancellationToken cancellationToken);
}
