namespace G5kFw.Testing;

/// <summary>A test needs a service that is neither configured in the environment nor startable by Testcontainers.</summary>
public sealed class ServicesMissingException(string service, string variable) : Exception(
    $"{service} is not configured: {variable} is unset and no Docker engine runs. " +
    "Start the local services with scripts/services/up, then run eval \"$(scripts/services/env)\".");
