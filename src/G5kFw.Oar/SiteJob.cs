namespace G5kFw.Oar;

/// <summary>A job of a site, named by the site and OAR's job id.</summary>
public sealed record SiteJob(string Site, long JobId);
