using System.Globalization;
using System.Text.Json;
using Appliance.Mta.Reports;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Reports;

/// <summary>
/// Every file of ../shared/corpora/dmarc-aggregate goes through the same reader as mail, IMAP and upload; record
/// counts and message sums must equal the independent Python count of the file's own content, the header fields
/// those of summary.tsv, and the deliberately broken inputs of the README give errors or recover, never a crash.
/// </summary>
public sealed class DmarcAggregateCorpusTests
{
    private const string Name = "dmarc-aggregate";
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Oracle = new(() =>
        IndependentCounts.For(ReportCorpusFiles.Dmarc().Select(f => Path.Combine(Corpus.Require(Name), (string)f[0]))));

    /// <summary>README "hard cases": strict parsing fails, a tolerant ingester recovers (empty.xml must fail).</summary>
    private static readonly HashSet<string> Recovered =
    [
        "parsedmarc/aggregate__ikea.com!example.de!1538690400!1538776800.xml",
        "parsedmarc/aggregate__invalid_utf_8.xml",
        "parsedmarc/aggregate__invalid_xml.xml",
    ];

    [CorpusTheory(Name)]
    [MemberData(nameof(ReportCorpusFiles.Dmarc), MemberType = typeof(ReportCorpusFiles))]
    public void File_parses_with_counts_equal_to_its_own_content(string file)
    {
        var path = Path.Combine(Corpus.Require(Name), file);
        var result = ReportDocumentReader.Read(File.ReadAllBytes(path), Path.GetFileName(path));
        if (file == "parsedmarc/empty.xml")
        {
            Assert.True(result.IsEmpty);
            Assert.NotEmpty(result.Errors);
            return;
        }
        var report = Assert.Single(result.Aggregates);
        Assert.Empty(result.Errors);
        var expected = Assert.Single(Oracle.Value[path].EnumerateArray());
        Assert.Equal(expected.GetProperty("records").GetInt32(), report.Records.Count);
        Assert.Equal(expected.GetProperty("messages").GetInt64(), report.MessageCount);
        if (Recovered.Contains(file)) return;
        Assert.Empty(report.Problems);
        var row = ReportCorpusFiles.Summary(Name)[file];
        Assert.Equal(row["org_name"], report.OrgName);
        Assert.Equal(row["report_id"], report.ReportId);
        Assert.Equal(long.Parse(row["begin"], CultureInfo.InvariantCulture), report.Begin.ToUnixTimeSeconds());
        Assert.Equal(long.Parse(row["end"], CultureInfo.InvariantCulture), report.End.ToUnixTimeSeconds());
        Assert.Equal(row["policy_domain"], report.Policy.Domain);
        Assert.Equal(row["p"], report.Policy.P);
        Assert.Equal(long.Parse(row["sum_of_counts"], CultureInfo.InvariantCulture), report.MessageCount);
    }

    [CorpusFact(Name)]
    public void Every_data_file_is_listed_in_the_summary()
    {
        var summary = ReportCorpusFiles.Summary(Name);
        Assert.All(ReportCorpusFiles.Dmarc(), f => Assert.True(summary.ContainsKey((string)f[0]), (string)f[0]));
        Assert.Equal(summary.Count, ReportCorpusFiles.Dmarc().Count());
    }

    [CorpusFact(Name)]
    public void Upper_cased_results_are_lower_cased()
    {
        var path = Path.Combine(Corpus.Require(Name), "parsedmarc/aggregate_invalid__report_with_upper_cased_pass.xml");
        var record = Assert.Single(Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(path)).Aggregates).Records);
        Assert.All(record.DkimResults.Concat(record.SpfResults), r => Assert.Equal(r.Result, r.Result.ToLowerInvariant()));
        Assert.Equal("pass", record.Dkim);
    }

    [CorpusFact(Name)]
    public void Rfc9990_namespace_and_fields_are_read()
    {
        var path = Path.Combine(Corpus.Require(Name), "stalwart/004.xml");
        var report = Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(path)).Aggregates);
        Assert.Equal("example.com", report.Policy.Domain);
        Assert.Equal("none", report.Policy.Np);
        Assert.Equal("Example DMARC Aggregate Reporter v1.2", report.Generator);
    }

    [CorpusFact(Name)]
    public void Tierpod_variants_give_the_same_report()
    {
        var root = Corpus.Require(Name);
        var reports = new[] { "test.xml", "test.xml.gz", "test.xml.gz.gz", "test.xml.zip" }
            .Select(f => Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(root, "tierpod", f)), f).Aggregates)).ToList();
        Assert.All(reports, r => Assert.Equal(JsonSerializer.Serialize(reports[0]), JsonSerializer.Serialize(r)));
    }

    [CorpusFact(Name)]
    public void Legacy_sampled_out_override_and_helo_scope_are_kept()
    {
        var report = Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(Corpus.Require(Name), "stalwart/005.xml"))).Aggregates);
        var record = Assert.Single(report.Records);
        Assert.Equal("reject", report.Policy.P);
        Assert.Contains(record.Reasons, r => r.Type == "sampled_out");
        Assert.Contains(record.SpfResults, s => s.Scope == "helo");
    }
}
