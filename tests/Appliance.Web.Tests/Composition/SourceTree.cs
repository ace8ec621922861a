namespace Appliance.Web.Tests.Composition;

/// <summary>The repository's src folder, found from the test's output directory.</summary>
internal static class SourceTree
{
    public static string Src { get; } = Find();

    /// <summary>Path relative to src/, with forward slashes ("Appliance.Web/Program.cs").</summary>
    public static string Relative(string path) => Path.GetRelativePath(Src, path).Replace('\\', '/');

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return Path.Combine(dir.FullName, "src");
        }
        throw new DirectoryNotFoundException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }
}
