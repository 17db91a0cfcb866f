namespace G5kFw.Testing;

/// <summary>Tells whether a Docker engine is reachable, the only case where Testcontainers can serve.</summary>
public static class DockerEngine
{
    public static bool IsAvailable =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        || File.Exists("/var/run/docker.sock");
}
