using System.Text.Json;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Tests.Corpora;
using Appliance.Mta.Tests.Dns.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>
/// RFC 8461 parser and resolver on ../shared/corpora/mta-sts: the postfix-mta-sts-resolver test bed (cases.jsonl through
/// the real resolver + fetcher with fake DNS and a fake HTTPS layer; the TXT and Content-Type tables), the RFC example,
/// and the real-world policies with their validity annotation.
/// </summary>
public sealed class MtaStsCorpusTests
{
    private readonly ITestOutputHelper _output;

    public MtaStsCorpusTests(ITestOutputHelper output) => _output = output;

    private static string Folder => Corpus.Require("mta-sts");

    [CorpusFact("mta-sts")]
    public async Task ResolverCasesGiveTheExpectedOutcome()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "snawoot-testbed", "cases.jsonl")).Where(l => l.Length > 0).ToList();
        var failures = new List<string>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var c = doc.RootElement;
            var domain = c.GetProperty("domain").GetString()!;
            var dns = new FakeDnsResolver();
            foreach (var txt in c.GetProperty("txt_records").EnumerateArray()) dns.AddTxt(c.GetProperty("txt_name").GetString()!, txt.GetString()!);
            using var http = new FakePolicyHttpHandler();
            if (c.TryGetProperty("https", out var h)) Serve(http, domain, h);
            using var fetcher = new MtaStsPolicyFetcher(new MtaStsOptions(), http);
            var resolver = new MtaStsPolicyResolver(dns, fetcher, new MtaStsPolicyStore(null), new FakeTimeProvider());
            var lookup = await resolver.GetPolicyAsync(domain, CancellationToken.None);
            var got = lookup.Status switch { MtaStsLookupStatus.Valid => "VALID", MtaStsLookupStatus.NoPolicy => "NONE", _ => "FETCH_ERROR" };
            var expected = c.GetProperty("expected_result").GetString();
            _output.WriteLine($"{domain}: expected {expected}, got {got} ({lookup.ResultType} {lookup.Reason})");
            if (got != expected) failures.Add($"{domain}: expected {expected}, got {got} ({lookup.Reason})");
        }
        Assert.True(lines.Count >= 23, "cases.jsonl has the 23 cases");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void Serve(FakePolicyHttpHandler http, string domain, JsonElement h)
    {
        var host = "mta-sts." + domain.TrimEnd('.');
        var status = h.GetProperty("http_status").GetInt32();
        var type = h.GetProperty("content_type").GetString()!;
        var certificate = h.GetProperty("certificate").GetString()!;
        if (h.TryGetProperty("body_special", out _))
        {
            // Over-length bodies: a valid policy followed by filler past 64 KiB.
            var prefix = h.TryGetProperty("body_prefix", out var p) ? p.GetString()! : "version: STSv1\nmode: enforce\nmx: mail.loc\nmax_age: 86400\n";
            http.Serve(host, status, type, prefix + new string('#', 70 * 1024));
            return;
        }
        http.Serve(host, status, type, h.GetProperty("body").GetString()!, certificateRejected: !certificate.StartsWith("valid", StringComparison.Ordinal));
    }

    [CorpusFact("mta-sts")]
    public void TxtRecordTableSplitsTags()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "snawoot-testbed", "txt-record-parse.jsonl")).Where(l => l.Length > 0).ToList();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var expected = doc.RootElement.GetProperty("expected_tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var got = MtaStsTxtRecord.ParseTags(doc.RootElement.GetProperty("record").GetString()!);
            Assert.Equal(expected.OrderBy(k => k.Key), got.OrderBy(k => k.Key));
        }
        Assert.Equal(9, lines.Count);
    }

    [CorpusFact("mta-sts")]
    public void ContentTypeTableVerdicts()
    {
        var rows = File.ReadAllLines(Path.Combine(Folder, "snawoot-testbed", "content-type.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        foreach (var row in rows)
            Assert.True(MtaStsPolicyParser.IsAcceptableContentType(row[0]) == bool.Parse(row[1]), $"Content-Type '{row[0]}' should be {row[1]}");
        Assert.Equal(11, rows.Count);
    }

    [CorpusFact("mta-sts")]
    public void RfcExamplePolicyAndRecordParse()
    {
        var (policy, error) = MtaStsPolicyParser.Parse(File.ReadAllText(Path.Combine(Folder, "rfc8461", "rfc8461-3.2-example-policy.txt")));
        Assert.True(policy is not null, error);
        Assert.Equal(MtaStsMode.Enforce, policy!.Mode);
        Assert.Equal(TimeSpan.FromSeconds(604800), policy.MaxAge);
        Assert.Contains("*.example.net", policy.MxPatterns);
        Assert.True(policy.MatchesMx("mx1.example.net"));
        var txt = File.ReadAllText(Path.Combine(Folder, "rfc8461", "rfc8461-3.1-example-txt-record.txt"));
        var start = txt.IndexOf("v=STSv1", StringComparison.Ordinal);
        var record = txt[start..].Trim().Trim('"');
        Assert.NotNull(MtaStsTxtRecord.TryParse(record));
    }

    [CorpusFact("mta-sts")]
    public void RealWorldPoliciesMatchTheirAnnotation()
    {
        var rows = File.ReadAllLines(Path.Combine(Folder, "real-world", "index.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        foreach (var row in rows)
        {
            var (policy, error) = MtaStsPolicyParser.Parse(File.ReadAllText(Path.Combine(Folder, "real-world", row[0])));
            _output.WriteLine($"{row[0]}: {row[5]} -> {(policy is null ? "invalid: " + error : $"{policy.Mode}, {policy.MxPatterns.Count} mx, max_age {policy.MaxAge.TotalSeconds}")}");
            if (row[5] == "INVALID") Assert.Null(policy);
            else Assert.True(policy is not null, $"{row[0]}: {error}");
        }
        Assert.Equal(12, rows.Count);
    }
}
