using System.Text.RegularExpressions;

namespace Appliance.Architecture.Tests;

/// <summary>
/// Reads what docs/architecture.md claims: the repository paths it names (in backticks, under src/, tests/, docs/,
/// bench/ or packaging/) and its folder table (engine folder → the engine subsystems its "May call" column allows).
/// </summary>
internal static partial class ArchitectureDocument
{
    /// <summary>The heading of the folder table.</summary>
    public const string FolderTableHeading = "### Folders: what each owns and may call";

    /// <summary>The "May call" text that allows every engine subsystem (the composition root).</summary>
    public const string AnyEngineFolder = "any engine folder";

    private const string EngineFolder = "src/Appliance.Mta/";

    [GeneratedRegex(@"`((?:src|tests|docs|bench|packaging)/[^`\s]*)`")]
    private static partial Regex PathToken();

    [GeneratedRegex(@"`([A-Za-z]+(?:/[A-Za-z]+)?)`")]
    private static partial Regex NameToken();

    /// <summary>
    /// Every repository path named in backticks, without placeholders ("&lt;Name&gt;", "*", "{...}", "...") and without a
    /// trailing slash.
    /// </summary>
    public static IReadOnlySet<string> Paths(string markdown) =>
        PathToken().Matches(markdown).Select(m => m.Groups[1].Value.TrimEnd('/', '.', ',', ':', ';'))
            .Where(p => p.IndexOfAny(['<', '*', '{']) < 0 && !p.Contains("...", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The paths that are neither a file nor a folder under <paramref name="root"/>; a path without an extension may
    /// name a C# file by its type ("tests/.../CompositionRootTests" for CompositionRootTests.cs).
    /// </summary>
    public static IReadOnlyList<string> MissingPaths(IEnumerable<string> paths, string root) =>
        paths.Where(p =>
        {
            var full = Path.Combine(root, p);
            return !File.Exists(full) && !Directory.Exists(full) && !File.Exists(full + ".cs");
        }).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The engine rows of the folder table: subsystem ("Appliance.Mta.Smtp.Server") → the subsystems its "May call"
    /// column names, or null when it says <see cref="AnyEngineFolder"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>?> FolderTable(string markdown)
    {
        var start = markdown.IndexOf(FolderTableHeading, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"docs/architecture.md has no \"{FolderTableHeading}\" section");
        var rows = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        foreach (var line in markdown[(start + FolderTableHeading.Length)..].Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('#')) break;
            if (!line.StartsWith("| `" + EngineFolder, StringComparison.Ordinal)) continue;
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // "| folder | owns | may call |" splits into "", folder, owns, may call, "".
            var folder = cells[1].Trim('`')[EngineFolder.Length..].TrimEnd('/');
            var mayCall = cells[^2];
            rows[Subsystem(folder)] = mayCall.Contains(AnyEngineFolder, StringComparison.Ordinal)
                ? null
                : NameToken().Matches(mayCall).Select(m => Subsystem(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        }
        return rows;
    }

    /// <summary>
    /// What the table does not cover of <paramref name="edges"/> (subsystem → the subsystems it uses): a subsystem
    /// without a row, or a dependency its row does not allow. Empty when the table agrees with the code.
    /// </summary>
    public static IReadOnlyList<string> Undocumented(IReadOnlyDictionary<string, IReadOnlySet<string>?> table, IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var problems = new List<string>();
        foreach (var (from, targets) in edges.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!table.TryGetValue(from, out var allowed))
            {
                problems.Add($"{from} has no row in the folder table");
                continue;
            }
            if (allowed is null) continue;
            problems.AddRange(targets.Where(t => !allowed.Contains(t)).Order(StringComparer.Ordinal)
                .Select(t => $"{from} -> {t} is not in its \"May call\" column"));
        }
        return problems;
    }

    /// <summary>"Smtp/Server" → "Appliance.Mta.Smtp.Server".</summary>
    private static string Subsystem(string folder) => EngineSubsystems.Root + "." + folder.Replace('/', '.');
}
