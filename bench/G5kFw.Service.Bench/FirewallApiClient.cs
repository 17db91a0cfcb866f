using System.Globalization;
using System.Net;
using System.Text;

namespace G5kFw.Service.Bench;

/// <summary>Calls the lab's REST API as the lab user, as the testbed's gateway would forward it.</summary>
internal sealed class FirewallApiClient(LabSettings lab) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = lab.ApiUrl,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { { "X-Api-User-CN", LabSettings.User } },
    };

    private int _nextPort = 1024;

    /// <summary>
    /// Posts openings of the host with ports never used before in this run, and returns the status code.
    /// </summary>
    public async Task<HttpStatusCode> PostOpeningsAsync(LabJob job, int count, CancellationToken cancellationToken)
    {
        var host = job.HostNames[0];
        var openings = Enumerable.Range(0, count).Select(_ => string.Create(CultureInfo.InvariantCulture,
            $$"""{"addr": "{{host}}", "port": {{NextPort()}}}"""));
        using var body = new StringContent($"[{string.Join(',', openings)}]", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(JobPath(job), body, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Removes every opening of the job and fails unless the API returns 200 or 202.</summary>
    public async Task DeleteOpeningsAsync(LabJob job, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(JobPath(job), cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException(
                $"DELETE of the openings of job {job.Id} returned {(int)response.StatusCode}: " +
                    await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    public void Dispose() => _http.Dispose();

    private string JobPath(LabJob job) => string.Create(CultureInfo.InvariantCulture,
        $"/stable/sites/{lab.Site}/firewall/{job.Id}");

    private int NextPort()
    {
        var port = Interlocked.Increment(ref _nextPort);
        return port <= 65535
            ? port
            : throw new InvalidOperationException("The run used every port; run fewer samples.");
    }
}
