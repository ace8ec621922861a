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

        var result = await SendAsync(sender, to);

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
        Assert.StartsWith("5.", r.Status, StringComparison.Ordinal);
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
        Assert.StartsWith("5.", r.Status, StringComparison.Ordinal);
    }

    private Task<SubmitResult> SendAsync(string from, string to) =>
        SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], TestMessages.Build(from, to, "routing", withIdAndDate: true));
}
