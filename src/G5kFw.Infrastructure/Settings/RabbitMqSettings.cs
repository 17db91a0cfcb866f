namespace G5kFw.Infrastructure.Settings;

/// <summary>The RabbitMQ broker that carries G5kFw's messages (configuration section <c>RabbitMq</c>).</summary>
public sealed class RabbitMqSettings
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Seconds a process waits at start for the broker before it gives up.</summary>
    public int StartTimeoutSeconds { get; set; } = 30;
}
