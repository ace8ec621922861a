using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Modules.Reports.Imap;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Reports;

/// <summary>
/// The mail channel inside the host (recipient policy order and the reception filter), TLS-RPT and failure reports
/// by upload with numbers equal to the files, and IMAP mailbox settings (password encrypted at rest, validation).
/// </summary>
public sealed class ReportsChannelsTests(ReportsFactory host) : IClassFixture<ReportsFactory>
{
    private readonly HttpClient _admin = host.CreateAdminClient();

    [Fact]
    public async Task Report_address_at_a_return_path_domain_is_accepted_inbound_and_others_still_refused()
    {
        var tenant = (await (await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = "rp-" + Guid.NewGuid().ToString("N")[..6] })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var rp = SyntheticReports.NewDomain();
        await host.UseReturnPathDomainAsync(_admin, tenant, rp);
        var policies = host.Services.GetServices<IRecipientPolicy>().ToList();
        RecipientDecisionKind Decide(string rcpt) =>
            policies.Select(p => p.Evaluate(new RecipientCheck(null, "reporter@google.example", rcpt, false, "192.0.2.99"))).FirstOrDefault(d => d.Kind != RecipientDecisionKind.Continue)?.Kind
            ?? RecipientDecisionKind.Continue;
        Assert.Equal(RecipientDecisionKind.AcceptInbound, Decide($"dmarc@{rp}"));
        Assert.Equal(RecipientDecisionKind.AcceptInbound, Decide($"TLS-RPT@{rp}"));
        Assert.Equal(RecipientDecisionKind.Reject, Decide($"nobody@{rp}"));
        Assert.Equal(RecipientDecisionKind.Continue, Decide("dmarc@elsewhere.example"));
    }

    [ReportsCorpusFact]
    public async Task Mailed_report_is_stored_before_the_250_and_never_queued()
    {
        var rp = SyntheticReports.NewDomain();
        var tenant = (await (await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = "m-" + Guid.NewGuid().ToString("N")[..6] })).ReadJsonAsync()).GetProperty("id").GetString()!;
        await host.UseReturnPathDomainAsync(_admin, tenant, rp);
        var filters = host.Services.GetServices<IReceptionFilter>().OrderBy(f => f.Order).ToList();
        var message = new ReceptionMessage(new MessageEnvelope
        {
            MailFrom = "noreply-dmarc-support@google.com", Recipients = [new EnvelopeRecipient($"dmarc@{rp}")], TenantId = "default",
            ReceivedAt = ReportsFactory.T0, ClientAddress = "192.0.2.99", Inbound = true,
        }, new ReadOnlySequence<byte>(File.ReadAllBytes(ReportsCorpus.Path("dmarc-aggregate", "mox/google.eml"))));
        ReceptionVerdict verdict = default;
        foreach (var f in filters)
        {
            verdict = await f.FilterAsync(message, CancellationToken.None);
            if (verdict.IsStop) break;
        }
        Assert.True(verdict.IsStop);
        Assert.Equal(250, verdict.Reply!.Code);
        var summary = await _admin.DmarcAsync("ueber.net");
        Assert.Equal(5, summary.GetProperty("messages").GetInt64()); // summary.tsv: mox/google.eml, 2 records, sum 5
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/reports?domain=ueber.net");
        Assert.Equal("Mail", listed[0].GetProperty("channel").GetString());
    }

    [ReportsCorpusFact]
    public async Task Tls_reports_upload_with_totals_and_failures_equal_to_the_json()
    {
        var path = ReportsCorpus.Path("tls-rpt", "parsedmarc/rfc8460.json");
        await _admin.UploadFileAsync(path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var policy = doc.RootElement.GetProperty("policies")[0];
        var domain = policy.GetProperty("policy").GetProperty("policy-domain").GetString()!;
        var tls = await _admin.TlsAsync(domain);
        Assert.Equal(policy.GetProperty("summary").GetProperty("total-successful-session-count").GetInt64(), tls.GetProperty("successful").GetInt64());
        Assert.Equal(policy.GetProperty("summary").GetProperty("total-failure-session-count").GetInt64(), tls.GetProperty("failed").GetInt64());
        var byType = tls.GetProperty("failuresByType");
        foreach (var d in policy.GetProperty("failure-details").EnumerateArray().GroupBy(d => d.GetProperty("result-type").GetString()!))
            Assert.Equal(d.Sum(x => x.GetProperty("failed-session-count").GetInt64()), byType.GetProperty(d.Key).GetInt64());
        Assert.Contains(tls.GetProperty("failures").EnumerateArray(), g => g.GetProperty("receivingMx").GetString() == "mx2.mail.company-y.example");
        // The same report in an email (stalwart rpt01) is a duplicate.
        var again = await _admin.UploadFileAsync(ReportsCorpus.Path("tls-rpt", "stalwart/rpt01.eml"));
        Assert.Equal("duplicate", again.GetProperty("reports")[0].GetProperty("status").GetString());
    }

    [ReportsCorpusFact]
    public async Task Failure_reports_upload_and_are_listed()
    {
        await _admin.UploadFileAsync(ReportsCorpus.Path("dmarc-forensic", "sisimai/arf-18.eml"));
        var failures = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/failures?domain=example.net");
        var f = Assert.Single(failures.EnumerateArray());
        Assert.Equal("192.0.2.222", f.GetProperty("sourceIp").GetString());
        Assert.Equal("dmarc", f.GetProperty("authFailure").GetString());
    }

    [Fact]
    public async Task Mailbox_password_is_encrypted_at_rest_and_settings_are_validated()
    {
        var bad = await _admin.PostAsJsonAsync("/api/v1/reports/mailboxes", new { name = "x", host = "imap.example", username = "u", password = "p", pinnedCertificateSha256 = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pinnedCertificateSha256", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var created = await _admin.PostAsJsonAsync("/api/v1/reports/mailboxes",
            new { name = "reports-" + Guid.NewGuid().ToString("N")[..6], host = "127.0.0.1", port = 9, username = "u", password = "s3cret-pass", pinnedCertificateSha256 = new string('a', 64) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("s3cret-pass", body, StringComparison.Ordinal);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
        await using (var db = host.CreateReportsDb())
        {
            var stored = await db.Mailboxes.SingleAsync(m => m.Id == id);
            Assert.DoesNotContain("s3cret-pass", stored.ProtectedPassword, StringComparison.Ordinal);
            Assert.Equal("s3cret-pass", host.Services.GetRequiredService<MailboxPasswordProtector>().Unprotect(stored.ProtectedPassword));
        }
        // Nothing listens on port 9: the poll fails and the error is on the mailbox and in the log.
        var poll = await (await _admin.PostAsync($"/api/v1/reports/mailboxes/{id}/poll", null)).ReadJsonAsync();
        Assert.False(poll.GetProperty("succeeded").GetBoolean());
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/mailboxes");
        Assert.Contains(listed.EnumerateArray(), m => m.GetProperty("id").GetInt32() == id && m.GetProperty("lastError").GetString()!.Length > 0);
        Assert.Contains("imap:", await _admin.GetStringAsync("/api/v1/reports/log"), StringComparison.Ordinal);
    }
}
