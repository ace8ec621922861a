using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Suppressions and inbound feedback end to end: a 550 5.1.1 from the sink suppresses the address and the next
/// RCPT to it is refused; delivered mail carries a VERP return path at the tenant's return-path domain, and a late
/// DSN mailed there (relay port, no AUTH, from a non-relay address) is correlated to its message; an ARF report
/// makes a complaint suppression; the one-click unsubscribe endpoint records an unsubscribe and refuses forged tokens.
/// </summary>
public sealed class SuppressionTests(SuppressionTests.Environment env, ITestOutputHelper output) : IClassFixture<SuppressionTests.Environment>
{
    private const string ReturnPathDomain = "rp.appliance.test";
    private static readonly IPAddress Outsider = IPAddress.Parse("127.0.0.9");

    /// <summary>The standard environment with the unsubscribe endpoint's public base URL set.</summary>
    public sealed class Environment : MailEnvironment
    {
        protected override ApplianceSettings Customize(ApplianceSettings s) => s with
        {
            ExtraArguments = [.. s.ExtraArguments, $"--Appliance:Suppressions:PublicBaseUrl=http://127.0.0.1:{s.HttpPort}"],
        };
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Hard_bounce_suppresses_and_next_rcpt_is_refused()
    {
        await ConfigureTenantAsync();
        var t = TestMessages.Token();
        var sender = $"news-{t}@{TestZone.SenderDomain}";
        var reject = $"reject-{t}@{TestZone.Outcome}";
        var first = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [reject], TestMessages.Build(sender, reject, $"first {t}", true));
        Assert.True(first.Accepted, first.ToString());

        Assert.True(await Eventually.TryAsync(async () => (await SearchAsync(reject)).Count > 0, TimeSpan.FromSeconds(30)),
            $"{reject} not suppressed\n{await env.DiagnosticsAsync()}");
        var entry = (await SearchAsync(reject))[0];
        output.WriteLine(entry.GetRawText());
        Assert.Equal("hardBounce", entry.GetProperty("reason").GetString());
        Assert.Equal("Bounce", entry.GetProperty("sourceType").GetString());

        await using var c = await RawSmtpClient.ConnectAsync(env.Appliance.Settings.RelayPort);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO client.example");
        await c.CommandAsync($"MAIL FROM:<{sender}>");
        var rcpt = await c.CommandAsync($"RCPT TO:<{reject}>");
        Assert.Equal(550, rcpt.Code);
        Assert.Contains("5.7.1", rcpt.ToString(), StringComparison.Ordinal);
        Assert.Contains("hard bounce", rcpt.ToString(), StringComparison.Ordinal);
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Late_dsn_to_verp_return_path_is_correlated_and_arf_makes_a_complaint()
    {
        await ConfigureTenantAsync();
        var t = TestMessages.Token();
        var sender = $"news-{t}@{TestZone.SenderDomain}";
        var rcpt = $"ok-{t}@{TestZone.Outcome}";
        var sent = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [rcpt], TestMessages.Build(sender, rcpt, $"verp {t}", true));
        Assert.True(sent.Accepted, sent.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.OutcomeMx, rcpt).Count > 0, TimeSpan.FromSeconds(20)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
        var delivered = env.Sink.MessagesFor(TestZone.OutcomeMx, rcpt)[0];
        Assert.EndsWith("@" + ReturnPathDomain, delivered.MailFrom, StringComparison.Ordinal);
        var queueId = env.Appliance.Events().First(e => e.Is("Reception", rcpt)).MessageId;

        // Someone else's address at the return-path domain is refused; the VERP address is accepted without AUTH.
        var unknown = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, "", [$"nobody@{ReturnPathDomain}"], "Subject: x\r\n\r\nx\r\n", Outsider);
        Assert.False(unknown.Accepted, unknown.ToString());
        var dsn = Dsn(delivered.MailFrom, rcpt);
        var late = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, "", [delivered.MailFrom], dsn, Outsider);
        Assert.True(late.Accepted, late.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Type == "Oob" && e.MessageId == queueId), TimeSpan.FromSeconds(10)),
            $"no Oob event for {queueId}\n{await env.DiagnosticsAsync()}");
        Assert.Equal(rcpt, env.Appliance.Events().First(e => e.Type == "Oob" && e.MessageId == queueId).Recipient, ignoreCase: true);

        // An ARF report to the feedback address, quoting the original headers (with the trace header).
        var trace = delivered.Parse().Headers["X-Appliance-Id"];
        Assert.False(string.IsNullOrEmpty(trace), "no X-Appliance-Id trace header on the delivered message");
        var arf = Arf(delivered.MailFrom, rcpt, trace);
        var report = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, "", [$"fbl@{ReturnPathDomain}"], arf, Outsider);
        Assert.True(report.Accepted, report.ToString());
        Assert.True(await Eventually.TryAsync(async () => (await SearchAsync(rcpt, "complaint")).Count > 0, TimeSpan.FromSeconds(10)),
            $"no complaint suppression for {rcpt}\n{await env.DiagnosticsAsync()}");
        var feedback = env.Appliance.Events().First(e => e.Type == "Feedback" && string.Equals(e.Recipient, rcpt, StringComparison.OrdinalIgnoreCase));
        var delivery = env.Appliance.Events().First(e => e.Type == "Delivery" && e.MessageId == queueId);

        // The complaint counts against the tenant and the source the message left from (found through the VERP
        // return path), and so against the pool that source belongs to.
        Assert.NotNull(delivery.Field("egressSource"));
        Assert.Equal(delivery.Field("egressSource"), feedback.Field("egressSource"));
        using var rates = JsonDocument.Parse(await env.Appliance.Api.Http.GetStringAsync("api/v1/complaint-rates"));
        output.WriteLine(rates.RootElement.GetRawText());
        foreach (var (scope, name) in new[] { ("tenants", feedback.Field("tenant")), ("sources", delivery.Field("egressSource")), ("pools", "default") })
        {
            var entry = rates.RootElement.GetProperty(scope).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
            Assert.True(entry.GetProperty("complaints").GetInt64() >= 1, $"{scope}/{name}: {entry}");
            Assert.True(entry.GetProperty("deliveries").GetInt64() >= 1, $"{scope}/{name}: {entry}");
        }
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task One_click_unsubscribe_records_and_forged_tokens_are_refused()
    {
        await ConfigureTenantAsync();
        var t = TestMessages.Token();
        var sender = $"news-{t}@{TestZone.SenderDomain}";
        var rcpt = $"ok-unsub-{t}@{TestZone.Outcome}";
        var sent = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [rcpt], TestMessages.Build(sender, rcpt, $"offer {t}", true, "X-Stream: marketing"));
        Assert.True(sent.Accepted, sent.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.OutcomeMx, rcpt).Count > 0, TimeSpan.FromSeconds(20)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
        var headers = env.Sink.MessagesFor(TestZone.OutcomeMx, rcpt)[0].Parse().Headers;
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        var url = Regex.Match(headers["List-Unsubscribe"] ?? "", "<(http[^>]+)>").Groups[1].Value;
        Assert.StartsWith($"http://127.0.0.1:{env.Appliance.Settings.HttpPort}/unsubscribe/", url, StringComparison.Ordinal);

        using var anonymous = new HttpClient();
        var body = () => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var forged = url[..^2] + (url[^2] == 'A' ? "B" : "A") + url[^1];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync(forged, body())).StatusCode);
        Assert.Empty(await SearchAsync(rcpt));

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode); // the confirmation page records nothing
        Assert.Empty(await SearchAsync(rcpt));
        var post = await anonymous.PostAsync(url, body());
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var entry = Assert.Single(await SearchAsync(rcpt));
        Assert.Equal("unsubscribe", entry.GetProperty("reason").GetString());
        Assert.True(await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("Unsubscribe", rcpt)), TimeSpan.FromSeconds(5)));
    }

    private async Task ConfigureTenantAsync()
    {
        // A return-path domain must lie under one of the tenant's sending domains (409 when an earlier test added it).
        using var domain = await env.Appliance.Api.Http.PostAsJsonAsync("api/v1/tenants/default/domains", new { name = "appliance.test" });
        Assert.True(domain.IsSuccessStatusCode || domain.StatusCode == HttpStatusCode.Conflict, await domain.Content.ReadAsStringAsync());
        using var resp = await env.Appliance.Api.Http.PutAsJsonAsync("api/v1/suppressions/settings/default",
            new { action = "reject", returnPathDomain = ReturnPathDomain, oneClickUnsubscribe = true });
        Assert.True(resp.IsSuccessStatusCode, await resp.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> SearchAsync(string address, string? reason = null)
    {
        var json = await env.Appliance.Api.Http.GetStringAsync($"api/v1/suppressions?search={Uri.EscapeDataString(address)}" + (reason is null ? "" : "&reason=" + reason));
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Dsn(string verp, string rcpt) => $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.outcome.test>
        To: <{verp}>
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-b"

        --dsn-b
        Content-Type: text/plain

        The mailbox is gone.
        --dsn-b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.outcome.test

        Final-Recipient: rfc822; {rcpt}
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 user unknown

        --dsn-b--

        """.Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string Arf(string verp, string rcpt, string trace) => $"""
        From: <fbl@isp.example>
        To: <fbl@{ReturnPathDomain}>
        Subject: complaint
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="arf-b"

        --arf-b
        Content-Type: text/plain

        This is an email abuse report.
        --arf-b
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: isp-fbl/1.0
        Version: 1
        Original-Mail-From: <{verp}>
        Original-Rcpt-To: <{rcpt}>
        Source-IP: 127.0.0.1

        --arf-b
        Content-Type: text/rfc822-headers

        X-Appliance-Id: {trace}
        From: <news@{TestZone.SenderDomain}>
        To: <{rcpt}>
        Subject: offer

        --arf-b--

        """.Replace("\n", "\r\n", StringComparison.Ordinal);
}
