using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Appliance.Mta.Delivery.MtaSts;
using MimeKit;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>The report document (RFC 8460 §4.4), its file name (§5.1) and the report e-mail (§5.3).</summary>
public sealed class TlsReportWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    private static TlsReport Report() => new("Appliance", "postmaster@mta.example.net", "r-1", Start, Start.AddDays(1).AddSeconds(-1),
    [
        new TlsReportPolicy("sts", "example.com", ["version: STSv1", "mode: enforce", "mx: *.example.com", "max_age: 86400"], ["*.example.com"], 7,
            [new TlsFailureDetail("certificate-expired", "mx1.example.com", 2), new TlsFailureDetail("validation-failure", null, 1)]),
    ]);

    [Fact]
    public void Json_has_the_rfc_8460_fields_and_counts()
    {
        using var doc = JsonDocument.Parse(TlsReportWriter.ToJson(Report()));
        var root = doc.RootElement;
        Assert.Equal("Appliance", root.GetProperty("organization-name").GetString());
        Assert.Equal("2026-11-29T00:00:00Z", root.GetProperty("date-range").GetProperty("start-datetime").GetString());
        Assert.Equal("2026-11-29T23:59:59Z", root.GetProperty("date-range").GetProperty("end-datetime").GetString());
        Assert.Equal("r-1", root.GetProperty("report-id").GetString());
        var policy = root.GetProperty("policies")[0];
        Assert.Equal("sts", policy.GetProperty("policy").GetProperty("policy-type").GetString());
        Assert.Equal("example.com", policy.GetProperty("policy").GetProperty("policy-domain").GetString());
        Assert.Equal(4, policy.GetProperty("policy").GetProperty("policy-string").GetArrayLength());
        Assert.Equal(7, policy.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64());
        Assert.Equal(3, policy.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64());
        var details = policy.GetProperty("failure-details");
        Assert.Equal("certificate-expired", details[0].GetProperty("result-type").GetString());
        Assert.Equal("mx1.example.com", details[0].GetProperty("receiving-mx-hostname").GetString());
        Assert.Equal(2, details[0].GetProperty("failed-session-count").GetInt64());
        Assert.False(details[1].TryGetProperty("receiving-mx-hostname", out _));
    }

    [Fact]
    public void A_no_policy_found_entry_has_no_policy_strings_or_mx_hosts()
    {
        var report = new TlsReport("Appliance", "postmaster@mta.example.net", "r-2", Start, Start.AddDays(1).AddSeconds(-1),
            [new TlsReportPolicy(TlsReportStore.NoPolicyFound, "plain.example", [], [], 5, [new TlsFailureDetail("starttls-not-supported", "mx.plain.example", 1, "192.0.2.25")])]);
        using var doc = JsonDocument.Parse(TlsReportWriter.ToJson(report));
        var entry = doc.RootElement.GetProperty("policies")[0];
        var policy = entry.GetProperty("policy");
        Assert.Equal("no-policy-found", policy.GetProperty("policy-type").GetString());
        Assert.Equal("plain.example", policy.GetProperty("policy-domain").GetString());
        Assert.False(policy.TryGetProperty("policy-string", out _));
        Assert.False(policy.TryGetProperty("mx-host", out _));
        Assert.Equal("192.0.2.25", entry.GetProperty("failure-details")[0].GetProperty("sending-mta-ip").GetString());
        Assert.Equal((5, 1), (entry.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64(),
            entry.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64()));
        // The "sts" entry of the other test keeps its (required) arrays.
        using var sts = JsonDocument.Parse(TlsReportWriter.ToJson(Report()));
        Assert.True(sts.RootElement.GetProperty("policies")[0].GetProperty("policy").TryGetProperty("mx-host", out _));
    }

    [Fact]
    public void File_name_follows_section_5_1()
    {
        Assert.Equal("mta.example.net!example.com!1795910400!1795996799.json.gz", TlsReportWriter.FileName("mta.example.net", "example.com", Report()));
    }

    [Fact]
    public void Email_is_a_tlsrpt_multipart_report_with_the_gzip_json_attached()
    {
        var bytes = TlsReportWriter.ToEmail(Report(), "example.com", "mta.example.net", new MailboxAddress("Appliance", "tlsrpt@mta.example.net"),
            "reports@example.com", Start.AddDays(1));
        var message = MimeMessage.Load(new MemoryStream(bytes));

        Assert.Equal("Report Domain: example.com Submitter: mta.example.net Report-ID: <r-1>", message.Subject);
        Assert.Equal("example.com", message.Headers["TLS-Report-Domain"]);
        Assert.Equal("mta.example.net", message.Headers["TLS-Report-Submitter"]);
        Assert.NotNull(message.Body);
        Assert.Equal("multipart/report", message.Body.ContentType.MimeType);
        Assert.Equal("tlsrpt", message.Body.ContentType.Parameters["report-type"]);
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == TlsReportWriter.GzipMediaType);
        Assert.Equal("mta.example.net!example.com!1795910400!1795996799.json.gz", part.FileName);
        using var decoded = new MemoryStream();
        Assert.NotNull(part.Content);
        part.Content.DecodeTo(decoded);
        using var gzip = new GZipStream(new MemoryStream(decoded.ToArray()), CompressionMode.Decompress);
        using var json = new StreamReader(gzip, Encoding.UTF8);
        Assert.Equal(Encoding.UTF8.GetString(TlsReportWriter.ToJson(Report())), json.ReadToEnd());
        Assert.DoesNotContain("\n", Encoding.ASCII.GetString(bytes).Replace("\r\n", "", StringComparison.Ordinal));
    }
}
