using System.Text;
using System.Text.RegularExpressions;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Authenticated submission with swaks (RFC 6409 on the submission port with STARTTLS, RFC 8314
/// implicit TLS on smtps): tenant and credential created through the API, the message delivered
/// to the recipient's MX byte-for-byte except the trace/ID fields the appliance adds.
/// </summary>
public sealed class SwaksSubmissionTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    private const Tool Needs = MailEnvironment.Requires | Tool.Swaks;

    [IntegrationFact(Needs)]
    public async Task StartTls_AuthPlain_DeliversBytesWithOnlyReceivedMessageIdAndDateAdded()
    {
        var (user, password) = await CreateCredentialAsync();
        var t = TestMessages.Token();
        var to = $"plain-{t}@{TestZone.Single}";
        var message = TestMessages.Build($"alice-{t}@{TestZone.SenderDomain}", to, $"plain {t}", withIdAndDate: false);

        var result = await SwaksSendAsync(message, to, "--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}",
            "--tls", "--auth", "PLAIN", "--auth-user", user, "--auth-password", password);

        Assert.True(result.ExitCode == 0, result.Output);
        var delivered = await WaitForDeliveryAsync(TestZone.SingleMx, to);
        var added = DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: true);
        Assert.Contains("Message-ID", added);
        Assert.Contains("Date", added);
        Assert.Equal($"alice-{t}@{TestZone.SenderDomain}", delivered.MailFrom);
        // RFC 5321 §4.4 trace: "by" our Hostname; RFC 3848: "with ESMTPSA" for TLS + AUTH.
        var received = RawMessage.Parse(delivered.Data).Value("Received") ?? "";
        Assert.Matches(@"\bby appliance\.test\b", received);
        Assert.Matches(@"\bwith ESMTPSA\b", received);
    }

    [IntegrationFact(Needs)]
    public async Task StartTls_WithoutAuth_MailIsRefusedWith530()
    {
        var t = TestMessages.Token();
        var to = $"noauth-{t}@{TestZone.Single}";
        var message = TestMessages.Build($"eve-{t}@{TestZone.SenderDomain}", to, $"noauth {t}", withIdAndDate: true);

        var result = await SwaksSendAsync(message, to, "--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}", "--tls");

        Assert.NotEqual(0, result.ExitCode);
        // RFC 4954 §6: 530 5.7.0 Authentication required
        Assert.Matches(ReplyLine("530", "5.7.0"), result.Output);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, to));
    }

    [IntegrationFact(Needs)]
    public async Task StartTls_AuthLogin_KeepsGivenMessageIdAndDate()
    {
        var (user, password) = await CreateCredentialAsync();
        var t = TestMessages.Token();
        var to = $"login-{t}@{TestZone.Single}";
        var message = TestMessages.Build($"bob-{t}@{TestZone.SenderDomain}", to, $"login {t}", withIdAndDate: true);

        var result = await SwaksSendAsync(message, to, "--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}",
            "--tls", "--auth", "LOGIN", "--auth-user", user, "--auth-password", password);

        Assert.True(result.ExitCode == 0, result.Output);
        var delivered = await WaitForDeliveryAsync(TestZone.SingleMx, to);
        var added = DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: false);
        Assert.All(added, a => Assert.Contains(a, new[] { "Received", "X-Appliance-Id" }));
    }

    [IntegrationFact(Needs)]
    public async Task Smtps_ImplicitTls_StripsCampaignAndStreamHeaders()
    {
        var (user, password) = await CreateCredentialAsync();
        var t = TestMessages.Token();
        var to = $"smtps-{t}@{TestZone.Implicit}";
        var message = TestMessages.Build($"carol-{t}@{TestZone.SenderDomain}", to, $"smtps {t}", withIdAndDate: true,
            "X-Campaign: spring-sale", "X-Stream: bulk", "X-Keep-Me: yes");

        var result = await SwaksSendAsync(message, to, "--server", $"127.0.0.1:{env.Appliance.Settings.SmtpsPort}",
            "--tls-on-connect", "--auth", "PLAIN", "--auth-user", user, "--auth-password", password);

        Assert.True(result.ExitCode == 0, result.Output);
        var delivered = await WaitForDeliveryAsync(TestZone.ImplicitA, to);
        DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: false,
            stripped: ["X-Campaign", "X-Stream"]);
        Assert.DoesNotContain("X-Campaign", delivered.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Stream", delivered.Text, StringComparison.OrdinalIgnoreCase);
    }

    [IntegrationFact(Needs)]
    public async Task WrongPassword_Gets535_5_7_8_AndNothingIsDelivered()
    {
        var (user, _) = await CreateCredentialAsync();
        var t = TestMessages.Token();
        var to = $"badpw-{t}@{TestZone.Single}";
        var message = TestMessages.Build($"mallory-{t}@{TestZone.SenderDomain}", to, $"bad {t}", withIdAndDate: true);

        var result = await SwaksSendAsync(message, to, "--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}",
            "--tls", "--auth", "PLAIN", "--auth-user", user, "--auth-password", "not-the-password");

        Assert.NotEqual(0, result.ExitCode);
        // RFC 4954 §6: 535 5.7.8 Authentication credentials invalid
        Assert.Matches(ReplyLine("535", "5.7.8"), result.Output);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, to));
    }

    [IntegrationFact(Needs)]
    public async Task Submission_AdvertisesAuthOnlyAfterStartTls()
    {
        var port = $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}";

        var plain = await Swaks.RunAsync("--server", port, "--quit-after", "EHLO", "--ehlo", "client.example");
        var tls = await Swaks.RunAsync("--server", port, "--tls", "--quit-after", "EHLO", "--ehlo", "client.example");

        output.WriteLine(plain.Output);
        Assert.Matches(EhloKeyword("STARTTLS"), plain.Output);
        // RFC 4954 §4 / RFC 8314 §3: no AUTH offered on an unencrypted submission session
        Assert.DoesNotMatch(EhloKeyword("AUTH"), plain.Output);
        Assert.True(tls.ExitCode == 0, tls.Output);
        Assert.Matches(EhloKeyword("AUTH"), tls.Output);
        Assert.Matches(new Regex(@"^<~  250[- ]AUTH\b.*\bPLAIN\b", RegexOptions.Multiline), tls.Output);
        Assert.Matches(new Regex(@"^<~  250[- ]AUTH\b.*\bLOGIN\b", RegexOptions.Multiline), tls.Output);
    }

    private static Regex EhloKeyword(string keyword) => new($@"^<[-~]  250[- ]{keyword}\b", RegexOptions.Multiline);

    private static Regex ReplyLine(string code, string enhanced) => new($@"^<[-~*]\*? +{code}[- ]{Regex.Escape(enhanced)}\b", RegexOptions.Multiline);

    private async Task<(string User, string Password)> CreateCredentialAsync()
    {
        var t = TestMessages.Token();
        var tenant = await env.Appliance.Api.CreateTenantAsync($"tenant-{t}");
        var user = $"user-{t}";
        var password = $"Pw-{t}-secret!";
        await env.Appliance.Api.CreateSmtpCredentialAsync(tenant, user, password);
        return (user, password);
    }

    private async Task<SwaksResult> SwaksSendAsync(string message, string to, params string[] args)
    {
        // swaks appends CRLF "." CRLF after the data; giving it the message without its final CRLF
        // makes the DATA content exactly the message (checked against aiosmtpd).
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(message[..^2]));
        var from = RawMessage.Parse(message).Value("From")!.Trim('<', '>');
        var result = await Swaks.RunAsync([.. args, "--ehlo", "client.example", "--from", from, "--to", to, "--data", "@" + file]);
        output.WriteLine(result.Output);
        return result;
    }

    private async Task<SinkMessage> WaitForDeliveryAsync(string mxAddress, string recipient)
    {
        var ok = await Eventually.TryAsync(() => env.Sink.MessagesFor(mxAddress, recipient).Count > 0, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"no delivery to {recipient} at {mxAddress}\n{await env.DiagnosticsAsync()}");
        var all = env.Sink.MessagesFor(mxAddress, recipient);
        Assert.True(all.Count == 1, $"{all.Count} deliveries to {recipient}");
        return all[0];
    }
}
