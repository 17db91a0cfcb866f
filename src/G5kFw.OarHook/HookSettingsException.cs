namespace G5kFw.OarHook;

/// <summary>A hook setting is missing or invalid; the message names the environment variable.</summary>
public sealed class HookSettingsException(string message) : Exception(message);
