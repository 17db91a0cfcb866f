using System.Text.Json.Serialization;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>
/// An opening in the response form that g5kfw clients read: <c>addr</c> and <c>port</c> always arrays, single
/// ports as integers and ranges as <c>"a..b"</c> strings, <c>proto</c> always, <c>src_addr</c> only when given.
/// </summary>
public sealed record OpeningView(
    [property: JsonPropertyName("addr")] IReadOnlyList<string> Addr,
    [property: JsonPropertyName("port")] IReadOnlyList<object> Port,
    [property: JsonPropertyName("proto")] string Proto,
    [property: JsonPropertyName("src_addr")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? SrcAddr)
{
    public static OpeningView From(Opening opening) => new(
        opening.Addresses,
        opening.Ports.Select(WritePort).ToList(),
        ProtocolNames.Of(opening.Protocol),
        opening.Sources);

    public static IReadOnlyList<OpeningView> From(IEnumerable<Opening> openings) => openings.Select(From).ToList();

    private static object WritePort(PortRange range) =>
        range.First == range.Last ? range.First : $"{range.First}..{range.Last}";
}
