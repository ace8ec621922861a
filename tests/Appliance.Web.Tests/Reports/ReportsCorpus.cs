namespace Appliance.Web.Tests.Reports;

/// <summary>
/// The shared report corpora read in place ($APPLIANCE_CORPORA or ../shared/corpora next to the repository), and
/// their summary.tsv tables (Python extraction, independent of the code under test). Tests skip when absent.
/// </summary>
public static class ReportsCorpus
{
    public static string? Root { get; } = Find();

    public static string Path(string corpus, string file) => System.IO.Path.Combine(Root!, corpus, file);

    public static List<Dictionary<string, string>> Summary(string corpus)
    {
        var lines = File.ReadAllLines(Path(corpus, "summary.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => header.Select((h, i) => (h, v: i < c.Length ? c[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("APPLIANCE_CORPORA");
        if (!string.IsNullOrWhiteSpace(env)) return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Appliance.sln"))) continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "corpora"));
            return Directory.Exists(Path2(candidate, "dmarc-aggregate")) ? candidate : null;
        }
        return null;
    }

    private static string Path2(string a, string b) => System.IO.Path.Combine(a, b);
}
