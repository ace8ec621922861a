namespace Appliance.Mta.Tests.Corpora;

/// <summary>
/// The shared real-world corpora (bounces, ARF, DMARC, TLS-RPT, SPF, DKIM, MTA-STS), read in place from
/// $APPLIANCE_CORPORA or ../shared/corpora next to the repository. They are not part of the repository: tests that
/// need them use <see cref="CorpusFactAttribute"/> / <see cref="CorpusTheoryAttribute"/> and skip when absent.
/// </summary>
public static class Corpus
{
    public const string EnvironmentVariable = "APPLIANCE_CORPORA";

    /// <summary>The corpora root, or null when it is not on this machine.</summary>
    public static string? Root { get; } = Find();

    /// <summary>The folder of one corpus (e.g. "bounces"), or null when absent.</summary>
    public static string? Folder(string name)
    {
        if (Root is null) return null;
        var path = Path.Combine(Root, name);
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>The folder of one corpus; throws when absent (call from a CorpusFact/CorpusTheory test only).</summary>
    public static string Require(string name) =>
        Folder(name) ?? throw new InvalidOperationException(SkipReason(name));

    public static string SkipReason(string name) =>
        $"corpus '{name}' not found: set {EnvironmentVariable} or place the corpora at ../shared/corpora next to the repository";

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        // Walk up from the test binaries to the repository root (the folder holding Appliance.sln), then ../shared/corpora.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpora"));
            return Directory.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}
