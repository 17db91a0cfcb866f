namespace G5kFw.Api.Openings;

/// <summary>
/// One reason why a request body is invalid. <see cref="Opening"/> is the index of the opening in the request
/// array, <see cref="Field"/> the member (addr, port, proto, src_addr) and <see cref="Value"/> the rejected value,
/// each null when the error concerns the whole body.
/// </summary>
public sealed record OpeningError(int? Opening, string? Field, string? Value, string Message)
{
    public static OpeningError ForBody(string message) => new(null, null, null, message);

    /// <summary>Creates an error on one value of a field, worded "Opening 0: port "0" is not between ...".</summary>
    public static OpeningError ForValue(int opening, string field, string value, string problem) =>
        new(opening, field, value, $"Opening {opening}: {field} \"{value}\" {problem}.");

    /// <summary>Creates an error on a field as a whole, worded "Opening 0: port is missing, ...".</summary>
    public static OpeningError ForField(int opening, string field, string? value, string problem) =>
        new(opening, field, value, $"Opening {opening}: {field} {problem}.");
}
