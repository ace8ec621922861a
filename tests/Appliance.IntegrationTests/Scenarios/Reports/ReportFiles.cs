using System.IO.Compression;
using System.Xml.Linq;
using MimeKit;

namespace Appliance.IntegrationTests.Scenarios.Reports;

/// <summary>
/// The shared report corpora ($APPLIANCE_CORPORA or ../shared/corpora), and an independent count of an aggregate
/// report mail's records and messages: MimeKit for the attachment, System.IO.Compression, XDocument.
/// </summary>
public static class ReportFiles
{
    public static string? Root { get; } = Find();

    public static string? MissingReason => Root is null ? "report corpora not found: set APPLIANCE_CORPORA or place them at ../shared/corpora" : null;

    public static string Path(string corpus, string file) => System.IO.Path.Combine(Root!, corpus, file);

    /// <summary>(messages, records) of the one aggregate report attached to a mail.</summary>
    public static (long Messages, int Records, string Domain) CountAggregateMail(string path)
    {
        var message = MimeMessage.Load(path);
        var part = message.BodyParts.OfType<MimePart>().Single(p => (p.FileName ?? "").EndsWith(".zip", StringComparison.Ordinal) || (p.FileName ?? "").EndsWith(".gz", StringComparison.Ordinal));
        using var raw = new MemoryStream();
        part.Content!.DecodeTo(raw);
        raw.Position = 0;
        Stream xml = part.FileName!.EndsWith(".zip", StringComparison.Ordinal)
            ? new ZipArchive(raw).Entries.Single().Open()
            : new GZipStream(raw, CompressionMode.Decompress);
        var doc = XDocument.Load(xml);
        var records = doc.Descendants().Where(e => e.Name.LocalName == "record").ToList();
        var messages = records.Sum(r => long.Parse(r.Descendants().First(e => e.Name.LocalName == "count").Value.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var domain = doc.Descendants().First(e => e.Name.LocalName == "policy_published").Elements().First(e => e.Name.LocalName == "domain").Value.Trim();
        return (messages, records.Count, domain);
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("APPLIANCE_CORPORA");
        if (!string.IsNullOrWhiteSpace(env)) return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Appliance.sln"))) continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "corpora"));
            return Directory.Exists(System.IO.Path.Combine(candidate, "dmarc-aggregate")) ? candidate : null;
        }
        return null;
    }
}
