using System.Net;
using System.Text;
using System.Text.Json;

namespace G5kFw.Api.Tests.Http;

public static class Json
{
    private static readonly JsonSerializerOptions Compact =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StringContent Body(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    /// <summary>Checks the status and the JSON content type, and returns the body without whitespace.</summary>
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Serialize(JsonDocument.Parse(text).RootElement, Compact);
    }
}
