namespace G5kFw.Api.Settings;

/// <summary>How the API waits for the job saga (configuration section <c>Api</c>).</summary>
public sealed class ApiSettings
{
    public const string Section = "Api";

    /// <summary>
    /// Seconds a POST or DELETE waits for the saga's reply. Without a reply by then the API returns 202, because
    /// the request is on the bus and the saga applies it later.
    /// </summary>
    public double ReplyTimeoutSeconds { get; set; } = 10;
}
