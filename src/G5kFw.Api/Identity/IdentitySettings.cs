namespace G5kFw.Api.Identity;

/// <summary>Who may call the API and who administers every job (configuration section <c>Identity</c>).</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>
    /// Addresses or networks of the gateways whose <c>X-Api-User-CN</c> header the API trusts; loopback when empty.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Logins that may read and change the openings of every job.</summary>
    public List<string> Administrators { get; set; } = [];
}
