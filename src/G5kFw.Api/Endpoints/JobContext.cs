using G5kFw.Api.Oar;

namespace G5kFw.Api.Endpoints;

/// <summary>A request that passed the identity and permission checks: the site, the caller and the OAR job.</summary>
public sealed record JobContext(string Site, string Caller, OarJob Job);
