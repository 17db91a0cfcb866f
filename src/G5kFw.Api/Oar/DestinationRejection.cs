namespace G5kFw.Api.Oar;

/// <summary>
/// A destination that the caller may not open, with its host when the address belongs to one of the job's hosts.
/// </summary>
public sealed record DestinationRejection(string Address, string? Host, string Message);
