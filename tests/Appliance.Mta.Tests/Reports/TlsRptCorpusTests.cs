using System.Globalization;
using System.Text.Json;
using Appliance.Mta.Reports;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Reports;

/// <summary>
/// Every file of ../shared/corpora/tls-rpt (JSON, gzip or plain report emails) parses; policy counts and session
/// sums equal the independent Python count of the file's own JSON, header fields those of summary.tsv.
/// </summary>
public sealed class TlsRptCorpusTests
{
    private const string Name = "tls-rpt";
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Oracle = new(() =>
        IndependentCounts.For(ReportCorpusFiles.Tls().Select(f => Path.Combine(Corpus.Require(Name), (string)f[0]))));

    [CorpusTheory(Name)]
    [MemberData(nameof(ReportCorpusFiles.Tls), MemberType = typeof(ReportCorpusFiles))]
    public void File_parses_with_totals_equal_to_its_own_content(string file)
    {
        var path = Path.Combine(Corpus.Require(Name), file);
        var result = ReportDocumentReader.Read(File.ReadAllBytes(path), Path.GetFileName(path));
        Assert.Empty(result.Errors);
        var report = Assert.Single(result.TlsReports);
        Assert.Empty(report.Problems);
        var expected = Assert.Single(Oracle.Value[path].EnumerateArray());
        Assert.Equal(expected.GetProperty("policies").GetInt32(), report.Policies.Count);
        Assert.Equal(expected.GetProperty("success").GetInt64(), report.TotalSuccessful);
        Assert.Equal(expected.GetProperty("failure").GetInt64(), report.TotalFailure);
        Assert.Equal(expected.GetProperty("details").GetInt32(), report.Policies.Sum(p => p.FailureDetails.Count));
        var row = ReportCorpusFiles.Summary(Name)[file];
        Assert.Equal(row["organization_name"], report.OrganizationName);
        Assert.Equal(row["report_id"], report.ReportId);
        Assert.Equal(Utc(row["start"]), report.Start);
        Assert.Equal(Utc(row["end"]), report.End);
        Assert.Equal(row["policy_types"], string.Join(',', report.Policies.Select(p => p.PolicyType).Order(StringComparer.Ordinal)));
        Assert.Equal(row["failure_result_types"], string.Join(',', report.Policies.SelectMany(p => p.FailureDetails).Select(d => d.ResultType).Distinct().Order(StringComparer.Ordinal)));
    }

    [CorpusFact(Name)]
    public void Missing_ip_and_mx_are_null_not_errors()
    {
        var report = Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(Corpus.Require(Name), "cry-inc/no_ip_and_mx.json"))).TlsReports);
        var detail = Assert.Single(report.Policies.SelectMany(p => p.FailureDetails));
        Assert.Null(detail.SendingMtaIp);
        Assert.Null(detail.ReceivingMxHostname);
        Assert.Equal(3, detail.FailedSessionCount);
    }

    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
