namespace G5kFw.Sagas.Settings;

/// <summary>Timing of the job sagas (configuration section <c>Saga</c>).</summary>
public sealed class SagaSettings
{
    public const string Section = "Saga";

    /// <summary>Seconds between two retries of a firewall that has not applied a job's current rules.</summary>
    public int RetrySeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a request waits for every firewall before the saga replies pending. Keep it below the API's own
    /// wait, so that the API receives the saga's reply rather than timing out.
    /// </summary>
    public int ReplyTimeoutSeconds { get; set; } = 10;
}
