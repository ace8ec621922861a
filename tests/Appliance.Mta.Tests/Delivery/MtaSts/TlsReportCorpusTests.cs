using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Tests.Corpora;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>Our TLS report JSON against real reports of the corpus (../shared/corpora/tls-rpt): the same input
/// gives the same document, key for key.</summary>
public sealed class TlsReportCorpusTests
{
    [CorpusFact("tls-rpt")]
    public void Report_matches_googles_report_for_the_same_outcomes()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus.Require("tls-rpt"), "cry-inc", "google.json")))!;
        var start = new DateTimeOffset(2025, 5, 22, 0, 0, 0, TimeSpan.Zero);
        var report = new TlsReport("Google Inc.", "smtp-tls-reporting@google.com", "2025-05-22T00:00:00Z_foo-bar.io", start, start.AddDays(1).AddSeconds(-1),
        [
            new TlsReportPolicy("sts", "foo-bar.io",
                MtaStsPolicyText.Lines(new MtaStsPolicy(MtaStsMode.Enforce, ["*.foo-bar.io"], TimeSpan.FromSeconds(2592000))), ["*.foo-bar.io"], 1, []),
        ]);

        var actual = JsonNode.Parse(TlsReportWriter.ToJson(report))!;

        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    [CorpusFact("tls-rpt")]
    public void Failure_details_use_the_field_names_of_the_rfc_example()
    {
        var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.Require("tls-rpt"), "cry-inc", "rfc-example.json")));
        var rfcDetailKeys = example.RootElement.GetProperty("policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("failure-details").EnumerateArray()).SelectMany(d => d.EnumerateObject().Select(o => o.Name)).ToHashSet();
        var start = new DateTimeOffset(2016, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var ours = JsonDocument.Parse(TlsReportWriter.ToJson(new TlsReport("o", "c", "r", start, start.AddDays(1),
            [new TlsReportPolicy("sts", "d.example", [], [], 0, [new TlsFailureDetail("certificate-expired", "mx.d.example", 3)])])));
        var ourKeys = ours.RootElement.GetProperty("policies")[0].GetProperty("failure-details")[0].EnumerateObject().Select(o => o.Name).ToList();

        Assert.Equal(3, ourKeys.Count);
        Assert.All(ourKeys, k => Assert.Contains(k, rfcDetailKeys));
    }
}
