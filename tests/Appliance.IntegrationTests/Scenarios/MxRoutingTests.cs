using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Next-hop selection from DNS (RFC 5321 §5.1): MX preference order with fallback, the implicit
/// MX (A record only), RFC 7505 null MX and NXDOMAIN as permanent failures reported by DSN.
/// </summary>
public sealed class MxRoutingTests(MailEnvironment env) : IClassFixture<MailEnvironment>
{
    [IntegrationFact(MailEnvironment.Requires)]
    public async Task PreferredMxRefusesConnections_NextMxGetsTheMessage()
    {
        var t = TestMessages.Token();
        var to = $"multi-{t}@{TestZone.Multi}";

        var result = await SendAsync($"s-{t}@{TestZone.SenderDomain}", to);

        Assert.True(result.Accepted, result.ToString());
        var ok = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.MultiSecondary, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(ok, $"not delivered to the secondary MX {TestZone.MultiSecondary}\n{await env.DiagnosticsAsync()}");
        Assert.Single(env.Sink.MessagesFor(TestZone.MultiSecondary, to));
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task NoMxRecord_DeliversToTheDomainsAddressRecord()
    {
        var t = TestMessages.Token();
        var to = $"implicit-{t}@{TestZone.Implicit}";

        var result = await SendAsync($"s-{t}@{TestZone.SenderDomain}", to);

        Assert.True(result.Accepted, result.ToString());
        var ok = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.ImplicitA, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(ok, $"not delivered to the implicit MX {TestZone.ImplicitA}\n{await env.DiagnosticsAsync()}");
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task NullMx_BouncesWithDsnAndNeverTouchesTheAddressRecord()
    {
        var t = TestMessages.Token();
        var sender = $"s-{t}@{TestZone.SenderDomain}";
        var to = $"nobody-{t}@{TestZone.NullMx}";

        var (result, messageId) = await SendWithIdAsync(sender, to);

        // Rejecting at RCPT (RFC 7505 §4.2 allows 556 5.1.10 there) is also correct: then no DSN is due.
        if (!result.Accepted)
        {
            Assert.True(result.Rcpts[0].Code is 550 or 556, $"null MX rejected with an unexpected reply: {result}");
            return;
        }

        var (dsn, report) = await DsnWait.WaitAsync(env, sender, to, TimeSpan.FromSeconds(30));
        DsnWait.AssertNullSender(dsn);
        var r = report.Recipients.Single(x => x.FinalRecipient.Equals(to, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", r.Action, ignoreCase: true);
        Assert.Equal("5.1.10", r.Status); // RFC 7505 §4.2 / RFC 7505 §5: X.1.10 "recipient address has null MX"
        Assert.Equal("appliance.test", report.ReportingMta);
        Assert.Contains(messageId, report.ReturnedContent ?? "", StringComparison.Ordinal);
        Assert.Equal(sender, RawMessage.Parse(dsn.Data).Value("To")?.Trim('<', '>'));
        Assert.Empty(env.Sink.MessagesFor(TestZone.NullMxA, to));
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task NxDomain_BouncesWithPermanentDsn()
    {
        var t = TestMessages.Token();
        var sender = $"s-{t}@{TestZone.SenderDomain}";
        var to = $"ghost-{t}@{TestZone.NxDomain}";

        var result = await SendAsync(sender, to);

        if (!result.Accepted)
        {
            Assert.True(result.Rcpts[0].Code / 100 == 5, $"NXDOMAIN rejected with a non-permanent reply: {result}");
            return;
        }

        var (dsn, report) = await DsnWait.WaitAsync(env, sender, to, TimeSpan.FromSeconds(30));
        DsnWait.AssertNullSender(dsn);
        Assert.Equal("multipart/report", report.ContentType);
        var r = report.Recipients.Single(x => x.FinalRecipient.Equals(to, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", r.Action, ignoreCase: true);
        Assert.Equal("5.1.2", r.Status); // RFC 3463 §3.2 X.1.2: destination system does not exist
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task DnsServerFailure_IsTransient_RetriedUntilMaxAgeThenExpires()
    {
        var t = TestMessages.Token();
        var sender = $"s-{t}@{TestZone.SenderDomain}";
        var to = $"dnsfail-{t}@{TestZone.DnsFailure}";

        var result = await SendAsync(sender, to);

        Assert.True(result.Accepted, $"a DNS failure must not reject at RCPT (RFC 5321 §4.2.1: 4yz at most): {result}");
        var transient = await Eventually.TryAsync(
            () => env.Appliance.Events().Count(e => e.Is("TransientFailure", to)) >= 2, TimeSpan.FromSeconds(15));
        Assert.True(transient, $"expected repeated TransientFailure events for {to}\n{await env.DiagnosticsAsync()}");
        Assert.Empty(DsnWait.For(env.Sink, sender, to));
        Assert.DoesNotContain(env.Appliance.Events(), e => e.Is("Bounce", to));

        var (dsn, report) = await DsnWait.WaitAsync(env, sender, to, TimeSpan.FromSeconds(40));
        DsnWait.AssertNullSender(dsn);
        var r = report.Recipients.Single(x => x.FinalRecipient.Equals(to, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", r.Action, ignoreCase: true);
        Assert.StartsWith("4.", r.Status, StringComparison.Ordinal); // expired after transient failures only
        Assert.Contains(env.Appliance.Events(), e => e.Is("Expiration", to));
    }

    private async Task<SubmitResult> SendAsync(string from, string to) => (await SendWithIdAsync(from, to)).Result;

    private async Task<(SubmitResult Result, string MessageId)> SendWithIdAsync(string from, string to)
    {
        var message = TestMessages.Build(from, to, "routing", withIdAndDate: true);
        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], message);
        return (result, RawMessage.Parse(message).Value("Message-ID")!);
    }
}
