using System.Net;
using System.Text.Json;

namespace G5kFw.Api.Tests.Http;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
public static class Problem
{
    /// <summary>Checks the status, the content type, and that <c>message</c> and <c>detail</c> match.</summary>
    public static async Task<JsonElement> AssertAsync(
        HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.Equal(message, body.GetProperty("detail").GetString());
        return body;
    }
}
