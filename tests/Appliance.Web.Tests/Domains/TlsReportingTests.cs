using System.IO.Compression;
using System.Text.Json;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Web.Data;
using Appliance.Web.Modules.TlsReporting;
using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Appliance.Web.Tests.Domains;

/// <summary>
/// TLS-RPT (RFC 8460) end to end in the host: engine outcomes → flushed to SQLite per UTC day → the next day's run
/// sends each policy domain's report to its rua destinations (mailto through the message sink, https by POST),
/// with JSON content equal to what was recorded; each destination gets a day once.
/// </summary>
public sealed class TlsReportingTests : IDisposable
{
    private readonly TlsReportingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private TlsReportStore Store => _factory.Services.GetRequiredService<TlsReportStore>();

    private Task<int> FlushAsync() => _factory.Services.GetRequiredService<TlsOutcomeRecorder>().FlushAsync(CancellationToken.None);

    private Task<int> SendAsync() => _factory.Services.GetRequiredService<TlsReportSender>().SendDueAsync(CancellationToken.None);

    private void RecordDay()
    {
        var policy = new MtaStsPolicy(MtaStsMode.Enforce, ["*.mail.dest.example"], TimeSpan.FromDays(1));
        Store.NotePolicy("dest.example", policy);
        for (var i = 0; i < 5; i++) Store.RecordSuccess("dest.example");
        Store.RecordFailure("dest.example", "certificate-expired");
        Store.RecordFailure("dest.example", "validation-failure", receivingMx: "mx9.other.example");
        Store.RecordFailure("dest.example", "validation-failure", receivingMx: "mx9.other.example");
        Store.RecordFailure("dest.example", "validation-failure", receivingMx: "mx9.other.example", sendingIp: "192.0.2.7"); // a bound egress source
        Store.RecordSuccess("quiet.example"); // publishes no TLS-RPT record
    }

    [Fact]
    public async Task Recorded_outcomes_survive_in_the_database_and_are_reported_next_day_by_mail_and_https()
    {
        _factory.Dns.Publish("_smtp._tls.dest.example", "v=TLSRPTv1; rua=mailto:tlsrpt@dest.example,https://reports.dest.example/tlsrpt");
        RecordDay();
        Assert.Equal(2, await FlushAsync());
        Assert.Empty(Store.Snapshot()); // drained from memory...
        await using (var db = _factory.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext())
        {
            var rows = await db.Outcomes.Where(o => o.PolicyDomain == "dest.example").ToListAsync();
            Assert.Equal(5, rows.Single(r => r.ResultType == TlsOutcomeCount.Success).Count); // ...and kept in SQLite
        }
        Assert.Equal(0, await SendAsync()); // the day is not over yet

        _factory.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await SendAsync());

        var (envelope, content) = Assert.Single(_factory.Sink.Messages);
        Assert.Equal(["tlsrpt@dest.example"], envelope.Recipients.Select(r => r.Address));
        Assert.Equal("tlsrpt-noreply@mta.submitter.example", envelope.MailFrom);
        var mail = MimeMessage.Load(new MemoryStream(content));
        Assert.Equal("dest.example", mail.Headers["TLS-Report-Domain"]);
        Assert.Equal("mta.submitter.example", mail.Headers["TLS-Report-Submitter"]);
        Assert.StartsWith("Report Domain: dest.example Submitter: mta.submitter.example Report-ID: <", mail.Subject, StringComparison.Ordinal);
        var attachment = mail.Attachments.OfType<MimePart>().Single();
        Assert.Equal("application/tlsrpt+gzip", attachment.ContentType.MimeType);
        Assert.Equal("mta.submitter.example!dest.example!1930348800!1930435199.json.gz", attachment.FileName);
        using var decoded = new MemoryStream();
        attachment.Content!.DecodeTo(decoded);
        AssertReport(Gunzip(decoded.ToArray()));

        var post = Assert.Single(_factory.Https.Posts);
        Assert.Equal("https://reports.dest.example/tlsrpt", post.Uri.ToString());
        Assert.Equal("application/tlsrpt+gzip", post.ContentType);
        AssertReport(Gunzip(post.Body));

        Assert.Equal(0, await SendAsync()); // each destination gets the day once
        Assert.Single(_factory.Sink.Messages);
    }

    [Fact]
    public async Task A_failed_https_destination_is_retried_at_the_next_run_and_mail_is_not_repeated()
    {
        _factory.Dns.Publish("_smtp._tls.dest.example", "v=TLSRPTv1; rua=mailto:tlsrpt@dest.example,https://reports.dest.example/tlsrpt");
        RecordDay();
        await FlushAsync();
        _factory.Time.Advance(TimeSpan.FromDays(1));
        _factory.Https.Status = System.Net.HttpStatusCode.ServiceUnavailable;
        Assert.Equal(1, await SendAsync()); // mail only

        _factory.Https.Status = System.Net.HttpStatusCode.OK;
        Assert.Equal(1, await SendAsync()); // the https retry
        Assert.Equal(2, _factory.Https.Posts.Count);
        Assert.Single(_factory.Sink.Messages);
    }

    private static void AssertReport(JsonElement root)
    {
        Assert.Equal("Submitter Org", root.GetProperty("organization-name").GetString());
        Assert.Equal("2031-03-04T00:00:00Z", root.GetProperty("date-range").GetProperty("start-datetime").GetString());
        var policy = Assert.Single(root.GetProperty("policies").EnumerateArray());
        Assert.Equal("sts", policy.GetProperty("policy").GetProperty("policy-type").GetString());
        Assert.Equal("dest.example", policy.GetProperty("policy").GetProperty("policy-domain").GetString());
        Assert.Equal(["version: STSv1", "mode: enforce", "mx: *.mail.dest.example", "max_age: 86400"],
            policy.GetProperty("policy").GetProperty("policy-string").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["*.mail.dest.example"], policy.GetProperty("policy").GetProperty("mx-host").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, policy.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64());
        Assert.Equal(4, policy.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64());
        var details = policy.GetProperty("failure-details").EnumerateArray()
            .Select(d => (d.GetProperty("result-type").GetString(), d.TryGetProperty("receiving-mx-hostname", out var mx) ? mx.GetString() : null,
                d.TryGetProperty("sending-mta-ip", out var ip) ? ip.GetString() : null, d.GetProperty("failed-session-count").GetInt64())).ToList();
        Assert.Equal([("certificate-expired", null, null, 1L), ("validation-failure", "mx9.other.example", null, 2L),
            ("validation-failure", "mx9.other.example", "192.0.2.7", 1L)], details);
    }

    private static JsonElement Gunzip(byte[] gz)
    {
        using var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        return JsonDocument.Parse(gzip).RootElement.Clone();
    }
}
