namespace G5kFw.Testing;

/// <summary>Finds the checkout's root and the built assemblies of its host projects.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Returns the path of a host project's built assembly, in the same configuration (Debug or Release) as the
    /// running tests, because <c>dotnet test</c> on the solution builds every project that way.
    /// </summary>
    public static string HostAssembly(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", $"{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; build the solution in {configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "G5kFw.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No G5kFw.sln above {AppContext.BaseDirectory}.");
    }
}
