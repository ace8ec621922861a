using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Reports;

/// <summary>
/// Report ingestion by each channel against the real appliance process: swaks mails a report to dmarc@ at a
/// return-path domain; a loopback dovecot serves reports over IMAPS to the poll job (certificate pinned by
/// fingerprint; a wrong pin fails visibly); a file is uploaded through the API. The API's numbers must equal the files.
/// </summary>
public sealed class ReportsIngestionTests(ReportsEnvironment env, ITestOutputHelper output) : IClassFixture<ReportsEnvironment>
{
    private const string ReturnPathDomain = "rp.reports.test";
    private HttpClient Api => env.Appliance.Api.Http;

    [ReportsFact]
    public async Task Report_mailed_to_the_appliance_is_ingested_and_the_api_shows_its_numbers()
    {
        await ConfigureReturnPathAsync();
        var file = ReportFiles.Path("dmarc-aggregate", "mox/google.eml");
        var (messages, records, domain) = ReportFiles.CountAggregateMail(file);
        var before = await DmarcAsync(domain); // the other tests may have stored reports for the same domain
        var sent = await Swaks.RunAsync("--server", $"127.0.0.1:{env.Appliance.Settings.RelayPort}", "--local-interface", "127.0.0.9",
            "--ehlo", "mail-sor-f41.google.com", "--from", "noreply-dmarc-support@google.com", "--to", $"dmarc@{ReturnPathDomain}", "--data", "@" + file);
        output.WriteLine(sent.Output);
        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("report(s) stored", sent.Output, StringComparison.Ordinal);
        var summary = await DmarcAsync(domain);
        Assert.Equal(before.GetProperty("messages").GetInt64() + messages, summary.GetProperty("messages").GetInt64());
        Assert.Equal(before.GetProperty("reports").GetInt32() + 1, summary.GetProperty("reports").GetInt32());
        var listed = await Api.GetFromJsonAsync<JsonElement>($"api/v1/reports?domain={domain}");
        var mailed = Assert.Single(listed.EnumerateArray(), r => r.GetProperty("channel").GetString() == "Mail");
        Assert.Equal(records, mailed.GetProperty("records").GetInt32());
        Assert.Equal(messages, mailed.GetProperty("messages").GetInt64());
        // Nothing was queued for relay.
        Assert.DoesNotContain(env.Appliance.Events(), e => e.Type == "Reception" && string.Equals(e.Recipient, $"dmarc@{ReturnPathDomain}", StringComparison.OrdinalIgnoreCase));
        var unknown = await SwaksToAsync($"nobody@{ReturnPathDomain}", file);
        Assert.NotEqual(0, unknown.ExitCode); // other local parts at the return-path domain stay refused
    }

    [ReportsFact]
    public async Task Reports_in_an_imap_mailbox_are_polled_moved_and_counted()
    {
        var aggregate = ReportFiles.Path("dmarc-aggregate", "mox/xs4all.eml");
        var (messages, _, domain) = ReportFiles.CountAggregateMail(aggregate);
        var tls = ReportFiles.Path("tls-rpt", "mox/example.eml");
        var failure = ReportFiles.Path("dmarc-forensic", "sisimai/arf-19.eml");
        foreach (var f in new[] { aggregate, tls, failure }) await env.Imap.DeliverAsync(await File.ReadAllBytesAsync(f));

        // A wrong pin: the certificate is not trusted, nothing is fetched, the error is on the mailbox.
        var wrong = await CreateMailboxAsync("wrong-pin", new string('0', 64));
        var failed = await (await Api.PostAsync($"api/v1/reports/mailboxes/{wrong}/poll", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(failed.GetProperty("succeeded").GetBoolean());
        Assert.Contains("certificate", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, env.Imap.Count("INBOX"));
        await Api.DeleteAsync($"api/v1/reports/mailboxes/{wrong}");

        // The right pin: the recurring job (every 2 s) polls, ingests and moves all three.
        var id = await CreateMailboxAsync("dovecot", env.Imap.CertificateSha256);
        Assert.True(await Eventually.TryAsync(() => env.Imap.Count("Processed") == 3, TimeSpan.FromSeconds(30)),
            $"not moved: INBOX {env.Imap.Count("INBOX")}, Processed {env.Imap.Count("Processed")}\n{env.Imap.Log()}\n{await env.DiagnosticsAsync()}");
        Assert.Equal(0, env.Imap.Count("INBOX"));
        var imported = (await Api.GetFromJsonAsync<JsonElement>($"api/v1/reports?domain={domain}")).EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "Imap");
        Assert.Equal(messages, imported.GetProperty("messages").GetInt64());
        var tlsSummary = await Api.GetFromJsonAsync<JsonElement>("api/v1/reports/tls?domain=test.xmox.nl");
        Assert.Equal(3, tlsSummary.GetProperty("successful").GetInt64()); // tls-rpt summary.tsv: mox/example.eml, 3 successful
        var failures = await Api.GetFromJsonAsync<JsonElement>("api/v1/reports/failures?domain=example.net");
        Assert.Contains(failures.EnumerateArray(), f => f.GetProperty("sourceIp").GetString() == "203.0.113.2");
        var mailbox = (await Api.GetFromJsonAsync<JsonElement>("api/v1/reports/mailboxes")).EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == id);
        Assert.Equal(JsonValueKind.Null, mailbox.GetProperty("lastError").ValueKind);
    }

    [ReportsFact]
    public async Task Uploaded_file_is_ingested_and_a_second_upload_is_a_duplicate()
    {
        var path = ReportFiles.Path("dmarc-aggregate", "parsedmarc/extract_report__nice-input.xml.gz");
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        var first = await Api.PostAsync("api/v1/reports?name=nice-input.xml.gz", content);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stored = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports")[0];
        Assert.Equal("stored", stored.GetProperty("status").GetString());
        Assert.Equal(3047, stored.GetProperty("messages").GetInt64()); // summary.tsv: 20 records, sum 3047
        Assert.Equal(20, stored.GetProperty("records").GetInt32());
        var again = await Api.PostAsync("api/v1/reports?name=nice-input.xml.gz", new ByteArrayContent(await File.ReadAllBytesAsync(path)));
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports")[0].GetProperty("status").GetString());
        Assert.Equal(3047, (await DmarcAsync("example.com")).GetProperty("messages").GetInt64());
    }

    private async Task<SwaksResult> SwaksToAsync(string to, string file) =>
        await Swaks.RunAsync("--server", $"127.0.0.1:{env.Appliance.Settings.RelayPort}", "--local-interface", "127.0.0.9",
            "--from", "noreply-dmarc-support@google.com", "--to", to, "--data", "@" + file);

    private async Task<int> CreateMailboxAsync(string name, string pin)
    {
        var response = await Api.PostAsJsonAsync("api/v1/reports/mailboxes", new
        {
            name, host = "127.0.0.1", port = env.Imap.Port, username = env.Imap.User, password = env.Imap.Password, pinnedCertificateSha256 = pin,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> DmarcAsync(string domain) =>
        await Api.GetFromJsonAsync<JsonElement>($"api/v1/reports/dmarc?domain={domain}");

    private async Task ConfigureReturnPathAsync()
    {
        var tenant = await env.Appliance.Api.CreateTenantAsync("reports-" + Guid.NewGuid().ToString("N")[..6]);
        // A return-path domain must lie under one of the tenant's sending domains (409: an earlier test's tenant has it).
        var domain = await Api.PostAsJsonAsync($"api/v1/tenants/{tenant}/domains", new { name = "reports.test" });
        if (domain.StatusCode == HttpStatusCode.Conflict) return;
        Assert.True(domain.IsSuccessStatusCode, await domain.Content.ReadAsStringAsync());
        var put = await Api.PutAsJsonAsync($"api/v1/suppressions/settings/{tenant}", new { action = "reject", returnPathDomain = ReturnPathDomain, oneClickUnsubscribe = false });
        if (put.StatusCode == HttpStatusCode.Conflict || put.StatusCode == HttpStatusCode.BadRequest) return; // already set by an earlier test
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }
}
