using Appliance.Mta.Reports;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Reports;

/// <summary>
/// Every file of ../shared/corpora/dmarc-forensic is recognised as a DMARC failure report (not an aggregate report,
/// not an error) with the Source-IP, Reported-Domain and Auth-Failure of summary.tsv; LF and CRLF twins agree.
/// </summary>
public sealed class ForensicCorpusTests
{
    private const string Name = "dmarc-forensic";

    [CorpusTheory(Name)]
    [MemberData(nameof(ReportCorpusFiles.Forensic), MemberType = typeof(ReportCorpusFiles))]
    public void File_is_a_failure_report_with_its_fields(string file)
    {
        var result = ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(Corpus.Require(Name), file)), Path.GetFileName(file));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Aggregates);
        var report = Assert.Single(result.FailureReports);
        var row = ReportCorpusFiles.Summary(Name)[file];
        if (row["has_message_feedback_report"] == "no")
        {
            // parsedmarc issue #332: a plain-text Exim report; its text names the domain and the source.
            Assert.Equal("text", report.Format);
            Assert.Equal("example.com", report.ReportedDomain);
            Assert.Equal("203.0.113.68", report.SourceIp);
            return;
        }
        Assert.Equal("afrf", report.Format);
        Assert.Equal(row["Source-IP"], report.SourceIp);
        Assert.Equal(row["Reported-Domain"], report.ReportedDomain);
        Assert.Equal(row["Auth-Failure"] is { Length: > 0 } a ? a : null, report.AuthFailure);
        Assert.Equal(row["Delivery-Result"] is { Length: > 0 } d ? d : null, report.DeliveryResult);
    }

    [CorpusFact(Name)]
    public void Lf_and_crlf_twins_give_identical_reports()
    {
        var root = Corpus.Require(Name);
        var lf = Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(root, "parsedmarc/dmarc_ruf_report_linkedin.eml"))).FailureReports);
        var crlf = Assert.Single(ReportDocumentReader.Read(File.ReadAllBytes(Path.Combine(root, "parsedmarc/dmarc_ruf_report_linkedin.crlf.eml"))).FailureReports);
        Assert.Equal(lf, crlf);
    }
}
