using System.Text;
using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Dmarc;

namespace Appliance.Mta.Tests.Reports;

/// <summary>Tolerance of the aggregate parser on hand-made variations the corpus does not cover.</summary>
public sealed class DmarcAggregateParserTests
{
    private static string Record(string ip, string count, string dkim = "pass", string spf = "fail") =>
        $"<record><row><source_ip>{ip}</source_ip><count>{count}</count><policy_evaluated><disposition>none</disposition><dkim>{dkim}</dkim><spf>{spf}</spf></policy_evaluated></row>" +
        "<identifiers><header_from>Example.COM</header_from></identifiers><auth_results><dkim><domain>example.com</domain><selector>s1</selector><result>PASS</result></dkim></auth_results></record>";

    [Fact]
    public void One_bad_record_is_recorded_as_a_problem_and_the_others_are_kept()
    {
        var xml = ReportArchiveLimitTests.MinimalReport("r1", Record("192.0.2.1", "5") + Record("192.0.2.2", "many") + Record("not-an-ip", "1") + Record("2001:db8::1", "7"));
        var report = DmarcAggregateParser.Parse(Encoding.UTF8.GetBytes(xml));
        Assert.Equal(["192.0.2.1", "2001:db8::1"], report.Records.Select(r => r.SourceIp));
        Assert.Equal(12, report.MessageCount);
        Assert.Equal(2, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.StartsWith("record 2:", StringComparison.Ordinal) && p.Contains("many", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("record 3:", StringComparison.Ordinal));
    }

    [Fact]
    public void Words_and_domains_are_lower_cased_and_dmarc_pass_follows_either_aligned_result()
    {
        var report = DmarcAggregateParser.Parse(Encoding.UTF8.GetBytes(ReportArchiveLimitTests.MinimalReport("r", Record("192.0.2.1", "1", "PASS", "fail") + Record("192.0.2.2", "1", "fail", "fail"))));
        Assert.Equal("example.com", report.Records[0].HeaderFrom);
        Assert.Equal("pass", report.Records[0].DkimResults[0].Result);
        Assert.True(report.Records[0].DmarcPass);
        Assert.False(report.Records[1].DmarcPass);
    }

    [Theory]
    [InlineData("1700000000", 1700000000)]
    [InlineData("1700000000.25", 1700000000)]
    [InlineData("2023-11-14T22:13:20Z", 1700000000)]
    [InlineData(" 1700000000 ", 1700000000)]
    public void Odd_dates_are_read(string text, long unix) =>
        Assert.Equal(unix, DmarcAggregateParser.Date(text.Trim())!.Value.ToUnixTimeSeconds());

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>not a report</body></html>")]
    [InlineData("<feedback><report_metadata><org_name>x</org_name></report_metadata></feedback>")]
    [InlineData("<<<<")]
    public void Documents_that_are_not_reports_throw_a_typed_format_error(string text) =>
        Assert.Throws<ReportFormatException>(() => DmarcAggregateParser.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Doctype_entities_are_not_expanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + ReportArchiveLimitTests.MinimalReport("&x;");
        var result = ReportDocumentReader.Read(Encoding.UTF8.GetBytes(xml));
        Assert.DoesNotContain(result.Aggregates, a => a.ReportId.Contains("root", StringComparison.Ordinal));
    }
}
