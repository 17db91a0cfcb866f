using System.Buffers;
using System.Text.Json;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>
/// Parses a request body into openings, or into every error found in it. The body is read as JSON whatever its
/// Content-Type header states, because <c>curl -d @file.json</c> sends JSON as a form.
/// </summary>
public static class OpeningParser
{
    public const string AddrField = "addr";
    public const string ProtoField = "proto";
    public const string SourceField = "src_addr";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    public static (IReadOnlyList<ParsedOpening> Openings, IReadOnlyList<OpeningError> Errors) Parse(
        ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail("The request body is empty. Send a JSON array of openings.");
        }

        if (FindInvalidUtf8(body.Span) is { } offset)
        {
            return Fail($"The request body is not valid UTF-8: the byte 0x{body.Span[offset]:X2} at offset {offset} " +
                "does not start a valid sequence. Send the JSON text in UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Fail($"The request body is not valid JSON: {exception.Message} Send a JSON array of openings.");
        }

        using (document)
        {
            if (FindInvalidString(document.RootElement) is { } invalid)
            {
                return Fail($"The request body contains the string {invalid}, which holds an unpaired UTF-16 " +
                    "surrogate escape (\\ud800 to \\udfff alone). Send text in valid Unicode.");
            }

            return Parse(document.RootElement);
        }
    }

    /// <summary>Returns the offset of the first byte that starts no valid UTF-8 sequence, or null.</summary>
    /// <remarks>
    /// System.Text.Json reads invalid UTF-8 inside a string without an error and throws only when the string is
    /// read, so the whole body is checked before parsing.
    /// </remarks>
    private static int? FindInvalidUtf8(ReadOnlySpan<byte> body)
    {
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        var offset = 0;
        while (offset < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return null;
    }

    /// <summary>
    /// Returns the JSON text of the first string or member name that .NET cannot turn into a string, or null.
    /// </summary>
    /// <remarks>
    /// JSON allows an escaped lone surrogate such as <c>"\ud800"</c>, but <see cref="JsonElement.GetString"/>
    /// throws on it, so the body is checked once before any field is read.
    /// </remarks>
    private static string? FindInvalidString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(element, static e => e.GetString()) ? null : element.GetRawText();
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FindInvalidString).FirstOrDefault(text => text is not null);
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (!IsReadable(member, static m => m.Name))
                    {
                        return "of a member name";
                    }

                    if (FindInvalidString(member.Value) is { } invalid)
                    {
                        return invalid;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsReadable<T>(T value, Func<T, string?> read)
    {
        try
        {
            read(value);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static (IReadOnlyList<ParsedOpening> Openings, IReadOnlyList<OpeningError> Errors) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Fail($"The request body is a JSON {Describe(root.ValueKind)}, not an array. " +
                "Send a JSON array of openings, also for a single opening.");
        }

        if (root.GetArrayLength() == 0)
        {
            return Fail("The request body is an empty array. Send at least one opening.");
        }

        var openings = new List<ParsedOpening>();
        var errors = new List<OpeningError>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var opening = ParseOpening(index, element, errors);
            if (opening is not null)
            {
                openings.Add(opening);
            }

            index++;
        }

        return errors.Count == 0 ? (openings, []) : ([], errors);
    }

    private static ParsedOpening? ParseOpening(int index, JsonElement element, List<OpeningError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new OpeningError(index, null, element.GetRawText(),
                $"Opening {index} is a JSON {Describe(element.ValueKind)}, not an object. " +
                "Write each opening as an object with addr and, as needed, port, proto and src_addr."));
            return null;
        }

        var errorCount = errors.Count;
        var members = ReadMembers(index, element, errors);
        var protocol = ParseProtocol(index, Member(members, ProtoField), errors);
        var destinations = ParseAddresses(index, AddrField, Member(members, AddrField), errors);
        var sources = members.TryGetValue(SourceField, out var sourceValue)
            ? ParseAddresses(index, SourceField, sourceValue, errors)
            : null;
        var ports = ParsePorts(index, protocol, Member(members, PortParser.Field), errors);

        if (errors.Count > errorCount || protocol is null || destinations is null)
        {
            return null;
        }

        return new ParsedOpening(index, destinations, ports, protocol.Value, sources);
    }

    /// <summary>Collects the members whose value is not null, rejecting unknown and repeated members.</summary>
    private static Dictionary<string, JsonElement> ReadMembers(
        int index, JsonElement element, List<OpeningError> errors)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name is not (AddrField or PortParser.Field or ProtoField or SourceField))
            {
                errors.Add(new OpeningError(index, member.Name, member.Value.GetRawText(),
                    $"Opening {index}: the member \"{member.Name}\" is unknown. " +
                    "The members of an opening are addr, port, proto and src_addr."));
            }
            else if (!seen.Add(member.Name))
            {
                errors.Add(new OpeningError(index, member.Name, member.Value.GetRawText(),
                    $"Opening {index}: the member \"{member.Name}\" appears more than once. Keep one."));
            }
            else if (member.Value.ValueKind != JsonValueKind.Null)
            {
                members[member.Name] = member.Value;
            }
        }

        return members;
    }

    private static JsonElement? Member(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var value) ? value : null;

    private static OpeningProtocol? ParseProtocol(int index, JsonElement? value, List<OpeningError> errors)
    {
        if (value is null)
        {
            return OpeningProtocol.TcpUdp;
        }

        var text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : null;
        switch (text)
        {
            case ProtocolNames.TcpUdp:
                return OpeningProtocol.TcpUdp;
            case ProtocolNames.All:
                return OpeningProtocol.All;
            default:
                errors.Add(OpeningError.ForValue(index, ProtoField, text ?? value.Value.GetRawText(),
                    $"is unknown. Use \"{ProtocolNames.TcpUdp}\" (the default) or \"{ProtocolNames.All}\""));
                return null;
        }
    }

    private static List<PortRange> ParsePorts(
        int index, OpeningProtocol? protocol, JsonElement? value, List<OpeningError> errors)
    {
        var ports = new List<PortRange>();
        var errorCount = errors.Count;
        if (value is not null)
        {
            PortParser.Parse(index, value.Value, ports, errors);
        }

        // A port member that gives neither a port nor an error, such as "" or [], counts as missing.
        var portsRejected = errors.Count > errorCount;
        var hasPorts = value is not null && !IsEmpty(value.Value);
        if (protocol == OpeningProtocol.TcpUdp && ports.Count == 0 && !portsRejected)
        {
            errors.Add(OpeningError.ForField(index, PortParser.Field, value?.GetRawText(),
                $"is missing or empty, and proto \"{ProtocolNames.TcpUdp}\" needs ports. " +
                $"Give one or more ports, or set proto \"{ProtocolNames.All}\" to open every protocol"));
        }
        else if (protocol == OpeningProtocol.All && hasPorts)
        {
            errors.Add(OpeningError.ForField(index, PortParser.Field, value?.GetRawText(),
                $"is given, but proto \"{ProtocolNames.All}\" opens every port. " +
                $"Remove port, or set proto \"{ProtocolNames.TcpUdp}\""));
        }

        return ports;
    }

    private static List<AddressItem>? ParseAddresses(
        int index, string field, JsonElement? value, List<OpeningError> errors)
    {
        var allowNetworks = field == SourceField;
        if (value is null)
        {
            errors.Add(OpeningError.ForField(index, field, null,
                "is missing. Give one or more IPv6 host addresses or host names"));
            return null;
        }

        var items = new List<string>();
        if (!TryCollectStrings(value.Value, items))
        {
            errors.Add(OpeningError.ForValue(index, field, value.Value.GetRawText(),
                "is not a string or an array of strings. Write addresses and names as strings"));
            return null;
        }

        if (items.Count == 0)
        {
            errors.Add(OpeningError.ForField(index, field, value.Value.GetRawText(),
                "is empty. Give one or more IPv6 host addresses or host names"));
            return null;
        }

        var addresses = new List<AddressItem>();
        foreach (var text in items)
        {
            if (AddressParser.TryParse(text, allowNetworks, out var item, out var problem))
            {
                addresses.Add(item!);
            }
            else
            {
                errors.Add(OpeningError.ForValue(index, field, text, problem!));
            }
        }

        return addresses;
    }

    /// <summary>Splits a string, or every string of an array, into its space-separated items.</summary>
    private static bool TryCollectStrings(JsonElement value, List<string> items)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            items.AddRange(value.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            items.AddRange(element.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        return true;
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static (IReadOnlyList<ParsedOpening>, IReadOnlyList<OpeningError>) Fail(string message) =>
        ([], [OpeningError.ForBody(message)]);
}
