namespace G5kFw.Oar;

/// <summary>One site's OAR database.</summary>
public sealed class OarSiteSettings
{
    /// <summary>Npgsql connection string of a read-only account, like the one OAR creates as <c>oar_ro</c>.</summary>
    public string ConnectionString { get; set; } = "";
}
