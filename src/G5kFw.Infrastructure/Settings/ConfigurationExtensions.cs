using Microsoft.Extensions.Configuration;

namespace G5kFw.Infrastructure.Settings;

public static class ConfigurationExtensions
{
    /// <summary>Reads a setting that must be present and not blank, or throws naming the key.</summary>
    public static string GetRequired(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            throw new SettingsException(
                $"Setting '{key}' is missing. Set it in appsettings.json or the environment variable {variable}.");
        }

        return value;
    }

    /// <summary>Binds the RabbitMQ section and checks that the host, user and password are set.</summary>
    public static RabbitMqSettings GetRabbitMqSettings(this IConfiguration configuration)
    {
        var settings = new RabbitMqSettings
        {
            Host = configuration.GetRequired($"{RabbitMqSettings.Section}:Host"),
            Username = configuration.GetRequired($"{RabbitMqSettings.Section}:Username"),
            Password = configuration.GetRequired($"{RabbitMqSettings.Section}:Password"),
        };
        configuration.GetSection(RabbitMqSettings.Section).Bind(settings);
        if (settings.Port is < 1 or > 65535)
        {
            throw new SettingsException(
                $"Setting 'RabbitMq:Port' is {settings.Port}; expected a TCP port between 1 and 65535.");
        }

        return settings;
    }
}
