namespace G5kFw.Oar;

/// <summary>
/// The OAR databases of the sites (<c>Sites:{site}:Oar</c>) and the reconciliation schedule (section <c>Oar</c>).
/// </summary>
public sealed class OarSettings
{
    public const string Section = "Oar";

    /// <summary>Each site's OAR database, keyed by site name (case-insensitive), from <c>Sites:{site}:Oar</c>.</summary>
    public Dictionary<string, OarSiteSettings> Sites { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seconds between two reconciliation runs against the OAR databases.</summary>
    public int ReconciliationIntervalSeconds { get; set; } = 60;

    /// <summary>Seconds one query on an OAR database may take before it fails.</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;
}
