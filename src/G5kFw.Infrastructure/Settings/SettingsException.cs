namespace G5kFw.Infrastructure.Settings;

/// <summary>A setting is missing or invalid; the message names the setting and the expected value.</summary>
public sealed class SettingsException(string message) : Exception(message);
