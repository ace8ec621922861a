using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Appliance.Web.Tests.Reports;

/// <summary>
/// Upload channel end to end with the real corpus: every aggregate file through POST /api/v1/reports, then the API's
/// per-domain numbers must equal those of the files (summary.tsv, our Python extraction, deduplicated by org and
/// report id as the appliance must), pass counts those computed with XDocument from the plain XML files.
/// </summary>
public sealed class ReportsCorpusUploadTests(ReportsFactory host) : IClassFixture<ReportsFactory>
{
    private const string Corpus = "dmarc-aggregate";

    [ReportsCorpusFact]
    public async Task Every_aggregate_file_uploads_and_per_domain_numbers_match_the_files()
    {
        var admin = host.CreateAdminClient();
        var seen = new HashSet<(string, string)>();
        var expected = new Dictionary<string, (int Reports, long Messages, List<string> Files)>();
        foreach (var row in ReportsCorpus.Summary(Corpus).Where(r => r["python_xml_parse"] == "ok"))
        {
            var result = await admin.UploadFileAsync(ReportsCorpus.Path(Corpus, row["file"]));
            var report = Assert.Single(result.GetProperty("reports").EnumerateArray());
            var first = seen.Add((row["org_name"], row["report_id"]));
            Assert.Equal(first ? "stored" : "duplicate", report.GetProperty("status").GetString());
            if (!first) continue;
            var e = expected.GetValueOrDefault(row["policy_domain"], (0, 0, []));
            e.Files.Add(row["file"]);
            expected[row["policy_domain"]] = (e.Reports + 1, e.Messages + long.Parse(row["sum_of_counts"], System.Globalization.CultureInfo.InvariantCulture), e.Files);
        }
        Assert.True(expected.Count >= 15, $"only {expected.Count} domains");
        foreach (var (domain, e) in expected)
        {
            var summary = await admin.DmarcAsync(domain);
            Assert.True(e.Reports == summary.GetProperty("reports").GetInt32(), $"{domain}: reports");
            Assert.True(e.Messages == summary.GetProperty("messages").GetInt64(), $"{domain}: messages {summary.GetProperty("messages")} != {e.Messages}");
            Assert.Equal(e.Messages, summary.GetProperty("bySource").EnumerateArray().Sum(s => s.GetProperty("messages").GetInt64()));
            Assert.Equal(e.Messages, summary.GetProperty("days").EnumerateArray().Sum(s => s.GetProperty("messages").GetInt64()));
            if (e.Files.All(f => f.EndsWith(".xml", StringComparison.Ordinal)))
            {
                var (spf, dkim, dmarc) = PassCounts(e.Files);
                Assert.Equal(spf, summary.GetProperty("spfPass").GetInt64());
                Assert.Equal(dkim, summary.GetProperty("dkimPass").GetInt64());
                Assert.Equal(dmarc, summary.GetProperty("dmarcPass").GetInt64());
            }
        }
    }

    [ReportsCorpusFact]
    public async Task Broken_samples_are_errors_or_recovered_never_a_crash()
    {
        var admin = host.CreateAdminClient();
        var empty = await admin.UploadFileAsync(ReportsCorpus.Path(Corpus, "parsedmarc/empty.xml"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("empty", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var file in new[] { "parsedmarc/aggregate__ikea.com!example.de!1538690400!1538776800.xml", "parsedmarc/aggregate__invalid_utf_8.xml", "parsedmarc/aggregate__invalid_xml.xml", "parsedmarc/aggregate__mimecast-weird-gzip.eml" })
            Assert.Single((await admin.UploadFileAsync(ReportsCorpus.Path(Corpus, file))).GetProperty("reports").EnumerateArray());
        var ikea = await admin.DmarcAsync("example.de");
        Assert.Equal(1, ikea.GetProperty("reports").GetInt32());
        var log = await (await admin.GetAsync("/api/v1/reports/log")).Content.ReadAsStringAsync();
        Assert.Contains("empty.xml", log, StringComparison.Ordinal);
        Assert.Contains("cut short", log, StringComparison.Ordinal); // ikea: the problem is recorded on the report
    }

    /// <summary>policy_evaluated results summed with XDocument: aligned SPF pass, aligned DKIM pass, either (DMARC pass).</summary>
    private static (long Spf, long Dkim, long Dmarc) PassCounts(IEnumerable<string> files)
    {
        long spf = 0, dkim = 0, dmarc = 0;
        foreach (var f in files)
            foreach (var row in XDocument.Load(ReportsCorpus.Path(Corpus, f)).Descendants().Where(e => e.Name.LocalName == "row"))
            {
                var count = long.Parse(row.Elements().First(e => e.Name.LocalName == "count").Value.Trim(), System.Globalization.CultureInfo.InvariantCulture);
                var evaluated = row.Elements().FirstOrDefault(e => e.Name.LocalName == "policy_evaluated");
                bool Pass(string n) => string.Equals(evaluated?.Elements().FirstOrDefault(e => e.Name.LocalName == n)?.Value.Trim(), "pass", StringComparison.OrdinalIgnoreCase);
                if (Pass("spf")) spf += count;
                if (Pass("dkim")) dkim += count;
                if (Pass("spf") || Pass("dkim")) dmarc += count;
            }
        return (spf, dkim, dmarc);
    }
}
