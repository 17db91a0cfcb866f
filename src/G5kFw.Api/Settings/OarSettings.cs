namespace G5kFw.Api.Settings;

/// <summary>The OAR server of a site (configuration section <c>Sites:{site}:Oar</c>).</summary>
public sealed class OarSettings
{
    /// <summary>An Npgsql connection string to OAR's database, for an account that may only read it.</summary>
    public string ConnectionString { get; set; } = "";
}
