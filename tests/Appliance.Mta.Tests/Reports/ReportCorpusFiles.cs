using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Reports;

/// <summary>
/// The data files of the report corpora (every file except README.md, SOURCES.tsv, summary.tsv and Stalwart's
/// expected-parse *.json twins of the DMARC corpus), and the summary.tsv rows keyed by file.
/// </summary>
public static class ReportCorpusFiles
{
    public static IEnumerable<object[]> Dmarc() => Files("dmarc-aggregate", f => !(f.StartsWith("stalwart/", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal)));

    public static IEnumerable<object[]> Tls() => Files("tls-rpt", _ => true);

    public static IEnumerable<object[]> Forensic() => Files("dmarc-forensic", _ => true);

    /// <summary>summary.tsv of a corpus: file → column → value.</summary>
    public static Dictionary<string, Dictionary<string, string>> Summary(string corpus)
    {
        var lines = File.ReadAllLines(Path.Combine(Corpus.Require(corpus), "summary.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => header.Select((h, i) => (h, v: i < c.Length ? c[i] : "")).ToDictionary(x => x.h, x => x.v));
    }

    private static IEnumerable<object[]> Files(string corpus, Func<string, bool> keep)
    {
        if (Corpus.Folder(corpus) is not { } root) return [];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal) && keep(f))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });
    }
}
