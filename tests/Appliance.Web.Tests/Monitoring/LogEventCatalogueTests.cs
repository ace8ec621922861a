using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>
/// Log lines are designed, not sprinkled: every one is a <see cref="LoggerMessageAttribute"/> method with a stable event
/// id, unique across the engine and the host, and listed in docs/telemetry.md ("Log event ids"); no ad-hoc
/// <c>ILogger.Log*</c> call (event id 0) is left in src/.
/// </summary>
public sealed partial class LogEventCatalogueTests
{
    private static readonly Assembly[] Assemblies = [typeof(Appliance.Mta.Configuration.MtaOptions).Assembly, typeof(Program).Assembly];

    [Fact]
    public void Every_LoggerMessage_has_a_nonzero_event_id_used_once()
    {
        var messages = LoggerMessages();
        Assert.True(messages.Count > 50, $"only {messages.Count} [LoggerMessage] methods found: is the attribute still in the metadata?");
        Assert.Empty(messages.Where(m => m.Id <= 0).Select(m => m.Method));
        var duplicates = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_event_id_is_listed_in_docs_telemetry()
    {
        var listed = ListedIds(File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "telemetry.md")));
        var missing = LoggerMessages().Where(m => !listed.Contains(m.Id)).Select(m => $"{m.Id} ({m.Method})").ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void No_adhoc_logging_call_is_left_in_src()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => AdHocCall().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("logger.LogInformation(\"x\");", true)]
    [InlineData("_ctx.Logger.LogError(ex, \"x {A}\", a);", true)]
    [InlineData("logger.Log(LogLevel.Warning, \"x\");", true)]
    [InlineData("QueueLog.SpoolFailed(_logger, id, ex);", false)]
    [InlineData("public static partial void LogSetupBanner(ILogger logger);", false)]
    public void The_source_check_recognises_adhoc_calls(string line, bool adHoc)
    {
        Assert.Equal(adHoc, AdHocCall().IsMatch(line));
    }

    [Fact]
    public void The_docs_table_reads_single_ids_and_ranges_only_from_the_id_table()
    {
        var listed = ListedIds(
        [
            "| Range | Owner |", "|---|---|", "| 1100–1999 | engine |", "",
            "| Id | Level | Source | Line |", "|---|---|---|---|", "| 1300–1302 | x | y | z |", "| 5700 | x | y | z |", "",
            "| 9999 | not this table |",
        ]);
        Assert.Equal([1300, 1301, 1302, 5700], listed.Order());
    }

    private static List<(int Id, string Method)> LoggerMessages() =>
        Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}"))
            .ToList();

    /// <summary>The ids of the "| Id | Level | Source | Line |" table: "1300" or a range "1300–1304".</summary>
    private static HashSet<int> ListedIds(IEnumerable<string> lines)
    {
        var ids = new HashSet<int>();
        var inTable = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("| Id | Level |", StringComparison.Ordinal)) { inTable = true; continue; }
            if (!inTable) continue;
            if (!line.StartsWith('|')) { inTable = false; continue; }
            if (IdCell().Match(line) is not { Success: true } m) continue;
            var first = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            for (var id = first; id <= last; id++) ids.Add(id);
        }
        return ids;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }

    // An ILogger extension call: .LogInformation( .LogError( ... or .Log(LogLevel...
    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)\s*\(|\.Log\s*\(\s*LogLevel\.")]
    private static partial Regex AdHocCall();

    [GeneratedRegex(@"^\|\s*(\d+)(?:\s*[–-]\s*(\d+))?\s*\|")]
    private static partial Regex IdCell();
}
