using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Bounces.Parsing;

/// <summary>Feedback reports of the shared ARF corpus, enumerated from summary.tsv and expected-sisimai.tsv.</summary>
public sealed class ArfCorpusTests(ITestOutputHelper output)
{
    [CorpusFact("arf")]
    public void Every_report_parses_with_its_feedback_type()
    {
        var sisimai = BounceCorpus.Table(BounceCorpus.Arf, "expected-sisimai.tsv")
            .GroupBy(r => "sisimai/" + r["file"]).ToDictionary(g => g.Key, g => g.First()["expected_feedback_type"]);
        var parsed = 0;
        foreach (var row in BounceCorpus.Table(BounceCorpus.Arf, "summary.tsv"))
        {
            var file = row["file"];
            // summary.tsv has the literal field; sisimai's table covers the non-standard loops that have none.
            var expected = row["Feedback-Type"] is { Length: > 0 } t ? t.ToLowerInvariant() : sisimai.GetValueOrDefault(file);
            var report = FeedbackReportParser.TryParse(BounceCorpus.Load(Path.Combine(BounceCorpus.Arf, file)));
            output.WriteLine($"{file}: expected {expected}, got {report?.FeedbackType} ip={report?.SourceIp} rcpt={report?.OriginalRecipient} domain={report?.ReportedDomain} msgid={report?.OriginalMessageId}");
            Assert.NotNull(expected);
            Assert.NotNull(report);
            Assert.Equal(expected, report.FeedbackType);
            if (row["Source-IP"] is { Length: > 0 } ip) Assert.Equal(ip.Split(' ')[0], report.SourceIp);
            if (row["Reported-Domain"] is { Length: > 0 } domain) Assert.Equal(domain.Split(' ')[0], report.ReportedDomain);
            Assert.Null(BounceParser.TryParse(BounceCorpus.Load(Path.Combine(BounceCorpus.Arf, file))));
            parsed++;
        }
        Assert.Equal(29, parsed);
    }

    [CorpusFact("arf")]
    public void Returned_original_message_is_exposed_when_the_report_carries_it()
    {
        var report = FeedbackReportParser.TryParse(BounceCorpus.Load(Path.Combine(BounceCorpus.Arf, "email-arf", "example2.msg")));
        Assert.NotNull(report);
        Assert.Equal("10.67.41.167", report.SourceIp);
        var withOriginal = BounceCorpus.Table(BounceCorpus.Arf, "summary.tsv")
            .Select(r => FeedbackReportParser.TryParse(BounceCorpus.Load(Path.Combine(BounceCorpus.Arf, r["file"]))))
            .Count(r => r is { OriginalHeaders.Count: > 0 });
        output.WriteLine($"reports exposing the returned original's headers: {withOriginal}/29");
        Assert.True(withOriginal >= 20);
    }
}
