using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;
using MimeKit;

namespace Appliance.Mta.Tests.Bounces.Parsing;

/// <summary>
/// The shared bounce and ARF corpora, enumerated from their expectation tables (never by globbing): one row per
/// line of a TSV, columns by header name.
/// </summary>
public static class BounceCorpus
{
    public static string Bounces => Corpus.Require("bounces");
    public static string Arf => Corpus.Require("arf");

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Table(string folder, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, file)).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split('\t');
            return (IReadOnlyDictionary<string, string>)header.Select((name, i) => (name, value: i < cells.Length ? cells[i] : ""))
                .ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal);
        })];
    }

    public static MimeMessage Load(string path)
    {
        using var stream = File.OpenRead(path);
        return MimeMessage.Load(stream);
    }

    public static BounceReport? Parse(string path) => BounceParser.TryParse(Load(path));

    /// <summary>The recipient sisimai names, matched by address, else by position.</summary>
    public static BouncedRecipient? Match(BounceReport? report, string address, int index)
    {
        if (report is null) return null;
        return report.Recipients.FirstOrDefault(r => string.Equals(r.Address, address, StringComparison.OrdinalIgnoreCase))
            ?? (index - 1 < report.Recipients.Count ? report.Recipients[index - 1] : null);
    }
}
