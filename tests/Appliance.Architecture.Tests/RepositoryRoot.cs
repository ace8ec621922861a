namespace Appliance.Architecture.Tests;

/// <summary>The repository's root folder (the one holding Appliance.sln), found from the test's output directory.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }
}
