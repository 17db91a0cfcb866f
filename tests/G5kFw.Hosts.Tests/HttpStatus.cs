using System.Net;

namespace G5kFw.Hosts.Tests;

internal static class HttpStatus
{
    /// <summary>Returns the status of a GET, or null while the host does not accept connections.</summary>
    public static async Task<HttpStatusCode?> OfAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
