namespace G5kFw.Oar;

/// <summary>Reads jobs from the sites' OAR databases.</summary>
public interface IOarJobReader
{
    /// <summary>Names of the sites whose OAR database is configured.</summary>
    IReadOnlyCollection<string> Sites { get; }

    /// <summary>Returns true when the site's OAR database is configured (site names are case-insensitive).</summary>
    bool HasSite(string site);

    /// <summary>
    /// Reads the job from the site's OAR database; returns null when OAR has no job with that id. Throws
    /// <see cref="ArgumentException"/> for a site that <see cref="HasSite"/> rejects, and
    /// <see cref="Npgsql.NpgsqlException"/> when the database cannot be read.
    /// </summary>
    Task<OarJob?> GetJobAsync(string site, long jobId, CancellationToken cancellationToken);
}
