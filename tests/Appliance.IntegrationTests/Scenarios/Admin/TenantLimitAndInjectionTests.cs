using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Admin;

/// <summary>
/// Admin features against the real appliance process: a tenant's hourly limit refuses the N+1th swaks submission
/// with a transient 452 4.7.0 (the client keeps it) and, after the limit is raised through the API without a
/// restart, the retried message is delivered, so nothing is lost; structured HTTP injection delivers cc and bcc in
/// the envelope, an attachment and per-recipient substitution to an aiosmtpd sink.
/// </summary>
public sealed class TenantLimitAndInjectionTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    private const Tool Needs = MailEnvironment.Requires | Tool.Swaks;

    [IntegrationFact(Needs)]
    public async Task Hourly_limit_gives_the_next_submission_451_and_the_retry_is_delivered_after_raising_it()
    {
        var t = TestMessages.Token();
        var tenant = await env.Appliance.Api.CreateTenantAsync($"limited-{t}");
        await SetHourlyLimitAsync(tenant, 2);
        var (user, password) = ($"user-{t}", $"Pw-{t}-secret!");
        await env.Appliance.Api.CreateSmtpCredentialAsync(tenant, user, password);
        var recipients = Enumerable.Range(1, 3).Select(i => $"limit{i}-{t}@{TestZone.Single}").ToList();

        var results = new List<SwaksResult>();
        foreach (var to in recipients) results.Add(await SendAsync(to, user, password, t));

        Assert.True(results[0].ExitCode == 0, results[0].Output);
        Assert.True(results[1].ExitCode == 0, results[1].Output);
        Assert.NotEqual(0, results[2].ExitCode);
        // RFC 3463 transient X.7.0 on RCPT: swaks never sent DATA, so the message is still the client's.
        Assert.Contains("452 4.7.0", results[2].Output, StringComparison.Ordinal);
        Assert.Contains("hourly quota of 2", results[2].Output, StringComparison.Ordinal);
        await WaitForDeliveryAsync(recipients[0]);
        await WaitForDeliveryAsync(recipients[1]);
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, recipients[2]));

        await SetHourlyLimitAsync(tenant, 3); // no restart: the counters keep the two accepted messages
        var retry = await SendAsync(recipients[2], user, password, t);
        Assert.True(retry.ExitCode == 0, retry.Output);
        await WaitForDeliveryAsync(recipients[2]);
        var fourth = await SendAsync($"limit4-{t}@{TestZone.Single}", user, password, t);
        Assert.Contains("452 4.7.0", fourth.Output, StringComparison.Ordinal);
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Structured_injection_delivers_cc_bcc_attachment_and_substitution()
    {
        var t = TestMessages.Token();
        var (to, cc, bcc) = ($"to-{t}@{TestZone.Single}", $"cc-{t}@{TestZone.Single}", $"bcc-{t}@{TestZone.Single}");
        var attachment = Encoding.UTF8.GetBytes($"report {t}\n").Concat(new byte[] { 0x00, 0xff, 0x0a }).ToArray(); // binary: sent base64, byte-exact

        using var plain = await env.Appliance.Api.Http.PostAsJsonAsync("api/v1/messages", new
        {
            from = $"app-{t}@{TestZone.SenderDomain}",
            to = new[] { to }, cc = new[] { cc }, bcc = new[] { bcc },
            subject = $"report {t}", text = "attached",
            attachments = new[] { new { filename = "report.bin", contentType = "application/octet-stream", content = Convert.ToBase64String(attachment) } },
            tenantId = "default",
        });
        Assert.True(plain.StatusCode == HttpStatusCode.Accepted, await plain.Content.ReadAsStringAsync());

        var delivered = await WaitForDeliveryAsync(to);
        Assert.Equal(new[] { to, cc, bcc }.Order(), delivered.RcptTos.Order());
        var message = delivered.Parse();
        Assert.Equal(cc, message.Cc.Mailboxes.Single().Address);
        Assert.DoesNotContain(bcc, delivered.Text, StringComparison.Ordinal);
        var part = Assert.IsAssignableFrom<MimeKit.MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("report.bin", part.FileName);
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        Assert.Equal(attachment, decoded.ToArray());

        var (ann, bob) = ($"ann-{t}@{TestZone.Single}", $"bob-{t}@{TestZone.Single}");
        using var merged = await env.Appliance.Api.Http.PostAsJsonAsync("api/v1/messages", new
        {
            from = $"app-{t}@{TestZone.SenderDomain}",
            to = new[] { ann, bob },
            subject = "Hello {{name}}", text = "Your code is {{code}}.",
            variables = new Dictionary<string, Dictionary<string, string>>
            {
                [ann] = new() { ["name"] = "Ann", ["code"] = "A-1" },
                [bob] = new() { ["name"] = "Bob", ["code"] = "B-2" },
            },
            tenantId = "default",
        });
        var body = await merged.Content.ReadAsStringAsync();
        Assert.True(merged.StatusCode == HttpStatusCode.Accepted, body);
        output.WriteLine(body);
        var ids = JsonDocument.Parse(body).RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Distinct().Count());

        var annMessage = (await WaitForDeliveryAsync(ann)).Parse();
        var bobMessage = (await WaitForDeliveryAsync(bob)).Parse();
        Assert.Equal("Hello Ann", annMessage.Subject);
        Assert.Contains("Your code is A-1.", annMessage.TextBody, StringComparison.Ordinal);
        Assert.Equal("Hello Bob", bobMessage.Subject);
        Assert.Contains("Your code is B-2.", bobMessage.TextBody, StringComparison.Ordinal);
        Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, ann)[0].RcptTos);
    }

    private async Task SetHourlyLimitAsync(string tenant, int limit)
    {
        using var response = await env.Appliance.Api.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}", new { name = tenant, dsnEnabled = true, hourlyMessageLimit = limit });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<SwaksResult> SendAsync(string to, string user, string password, string token)
    {
        var message = TestMessages.Build($"app-{token}@{TestZone.SenderDomain}", to, $"limit {to}", withIdAndDate: true);
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(message[..^2]));
        var result = await Swaks.RunAsync("--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}", "--tls", "--auth", "PLAIN",
            "--auth-user", user, "--auth-password", password, "--ehlo", "client.example", "--from", $"app-{token}@{TestZone.SenderDomain}",
            "--to", to, "--data", "@" + file);
        output.WriteLine(result.Output);
        return result;
    }

    private async Task<SinkMessage> WaitForDeliveryAsync(string recipient)
    {
        var ok = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, recipient).Count > 0, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"no delivery to {recipient}\n{await env.DiagnosticsAsync()}");
        return Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, recipient));
    }
}
