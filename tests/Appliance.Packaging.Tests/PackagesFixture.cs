namespace Appliance.Packaging.Tests;

/// <summary>
/// The .deb and .rpm under test: taken from APPLIANCE_PACKAGES_DIR when set (.ci/run builds them once),
/// otherwise built here by packaging/build.sh (one self-contained publish, gzip-compressed deb for speed).
/// </summary>
public sealed class PackagesFixture
{
    private readonly Lazy<(string Deb, string Rpm)> packages = new(Build);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Version { get; } = File.ReadAllText(Path.Combine(RepoRoot, "packaging", "VERSION")).Trim();

    public string Deb => packages.Value.Deb;

    public string Rpm => packages.Value.Rpm;

    private static (string, string) Build()
    {
        var dir = Environment.GetEnvironmentVariable("APPLIANCE_PACKAGES_DIR");
        if (string.IsNullOrWhiteSpace(dir))
        {
            dir = Path.Combine(Path.GetTempPath(), "appliance-pkg-test-" + Guid.NewGuid().ToString("N")[..8]);
            var r = Tool.Run("/bin/bash", [Path.Combine(RepoRoot, "packaging", "build.sh"), dir], TimeSpan.FromMinutes(8),
                new Dictionary<string, string> { ["DEB_COMPRESSION"] = "gzip" });
            Assert.True(r.ExitCode == 0, $"packaging/build.sh failed ({r.ExitCode}):\n{r.Output}");
        }
        var deb = Path.Combine(dir, $"appliance_{Version}_amd64.deb");
        var rpm = Path.Combine(dir, $"appliance-{Version}-1.x86_64.rpm");
        Assert.True(File.Exists(deb), $"{deb} was not built");
        Assert.True(File.Exists(rpm), $"{rpm} was not built");
        return (deb, rpm);
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Appliance.sln")) && Directory.Exists(Path.Combine(d.FullName, "packaging")))
                return d.FullName;
        var baked = typeof(PackagesFixture).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && Directory.Exists(Path.Combine(baked, "packaging"))) return baked;
        throw new InvalidOperationException("repository root (Appliance.sln) not found above " + AppContext.BaseDirectory);
    }
}
