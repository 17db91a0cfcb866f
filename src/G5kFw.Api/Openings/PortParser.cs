using System.Globalization;
using System.Text.Json;
using G5kFw.Contracts.Openings;

namespace G5kFw.Api.Openings;

/// <summary>
/// Parses <c>port</c>: an integer, a string of space-separated ports and ranges <c>a..b</c>, or an array of
/// integers and such strings.
/// </summary>
public static class PortParser
{
    public const string Field = "port";

    /// <summary>
    /// Appends the parsed ranges to <paramref name="ports"/> and every rejected item to <paramref name="errors"/>.
    /// </summary>
    public static void Parse(int opening, JsonElement value, List<PortRange> ports, List<OpeningError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                ParseNumber(opening, value, ports, errors);
                break;
            case JsonValueKind.String:
                ParseText(opening, value.GetString()!, ports, errors);
                break;
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind is JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString()))
                    {
                        errors.Add(OpeningError.ForValue(opening, Field, element.GetRawText(),
                            "is an empty string, not a port. Write a port such as 80 or a range such as 8000..8080"));
                    }
                    else if (element.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                    {
                        Parse(opening, element, ports, errors);
                    }
                    else
                    {
                        errors.Add(OpeningError.ForValue(opening, Field, element.GetRawText(),
                            "is not a port. Write ports as integers or strings such as \"80\" or \"8000..8080\""));
                    }
                }

                break;
            default:
                errors.Add(OpeningError.ForValue(opening, Field, value.GetRawText(),
                    "is not a port list. Write an integer, a string or an array of them"));
                break;
        }
    }

    private static void ParseNumber(int opening, JsonElement value, List<PortRange> ports, List<OpeningError> errors)
    {
        if (value.TryGetInt32(out var port) && IsPort(port))
        {
            ports.Add(new PortRange(port, port));
            return;
        }

        errors.Add(OpeningError.ForValue(opening, Field, value.GetRawText(), "is not a port between 1 and 65535"));
    }

    private static void ParseText(int opening, string text, List<PortRange> ports, List<OpeningError> errors)
    {
        foreach (var item in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseItem(item, out var range, out var problem))
            {
                ports.Add(range);
            }
            else
            {
                errors.Add(OpeningError.ForValue(opening, Field, item, problem));
            }
        }
    }

    /// <summary>Parses one port (<c>80</c>) or one range (<c>8000..8080</c>) of a port string.</summary>
    public static bool TryParseItem(string item, out PortRange range, out string problem)
    {
        range = new PortRange(0, 0);
        var separator = item.IndexOf("..", StringComparison.Ordinal);
        var firstText = separator < 0 ? item : item[..separator];
        var lastText = separator < 0 ? item : item[(separator + 2)..];

        if (!TryParseNumber(firstText, out var first) || !TryParseNumber(lastText, out var last))
        {
            problem = "is not a port or a range. Write a port such as 80 or a range such as 8000..8080";
            return false;
        }

        if (!IsPort(first) || !IsPort(last))
        {
            problem = "is not a port between 1 and 65535";
            return false;
        }

        if (first > last)
        {
            problem = $"is a reversed range. Write it as {last}..{first}";
            return false;
        }

        range = new PortRange(first, last);
        problem = "";
        return true;
    }

    private static bool TryParseNumber(string text, out int number)
    {
        // Digits only, because int.TryParse alone accepts signs and spaces. Over 9 digits is out of range anyway.
        number = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        number = text.Length > 9 ? int.MaxValue : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsPort(int port) => port is >= 1 and <= 65535;
}
