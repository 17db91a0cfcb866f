namespace G5kFw.Api.Settings;

/// <summary>
/// Bounds on what one request and one job may hold (configuration section <c>Limits</c>). Addresses count every
/// destination and source address after names are resolved; ports count every port or range.
/// </summary>
public sealed class LimitSettings
{
    public const string Section = "Limits";

    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public int MaxOpeningsPerRequest { get; set; } = 100;

    public int MaxAddressesPerRequest { get; set; } = 1000;

    public int MaxPortsPerRequest { get; set; } = 1000;

    public int MaxOpeningsPerJob { get; set; } = 500;

    public int MaxAddressesPerJob { get; set; } = 5000;

    public int MaxPortsPerJob { get; set; } = 5000;
}
