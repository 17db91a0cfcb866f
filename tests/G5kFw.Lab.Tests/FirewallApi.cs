using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace G5kFw.Lab.Tests;

/// <summary>A response of the firewall API: its status, media type and JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? MediaType, JsonNode? Body, string Text);

/// <summary>Calls <c>/stable/sites/{site}/firewall/{job}</c> as a user, through the gateway's header.</summary>
public sealed class FirewallApi(Uri baseUrl, string site) : IDisposable
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    // POST and DELETE wait up to Api:ReplyTimeoutSeconds (10 s by default) before they return 202.
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public Task<ApiResponse> GetAsync(string user, long job) => SendAsync(HttpMethod.Get, user, job, null);

    public Task<ApiResponse> DeleteAsync(string user, long job) => SendAsync(HttpMethod.Delete, user, job, null);

    /// <summary>
    /// Posts openings the way <c>curl -d @file.json</c> does: the JSON text with the content type
    /// <c>application/x-www-form-urlencoded</c>.
    /// </summary>
    public Task<ApiResponse> PostAsync(string user, long job, string openings) =>
        SendAsync(HttpMethod.Post, user, job, new StringContent(openings, Encoding.UTF8, FormMediaType));

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpMethod method, string user, long job, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, $"/stable/sites/{site}/firewall/{job}");
        request.Content = content;
        request.Headers.Add("X-Api-User-CN", user);

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text);
    }
}
