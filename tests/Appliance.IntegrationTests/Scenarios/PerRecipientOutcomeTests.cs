using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// One message, several recipients at one MX, each answered differently at RCPT: delivered once,
/// rejected (DSN, RFC 3464), deferred (retried with backoff, then expired with a DSN), deferred
/// once (delivered on retry). A null-sender message never produces a DSN (RFC 5321 §4.5.5).
/// </summary>
public sealed class PerRecipientOutcomeTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    [IntegrationFact(MailEnvironment.Requires)]
    public async Task MixedRecipients_EachGetsItsOwnOutcome()
    {
        var t = TestMessages.Token();
        var sender = $"mixed-{t}@{TestZone.SenderDomain}";
        var ok = $"ok-{t}@{TestZone.Outcome}";
        var reject = $"reject-{t}@{TestZone.Outcome}";
        var defer = $"defer-{t}@{TestZone.Outcome}";
        var deferOnce = $"deferonce-{t}@{TestZone.Outcome}";
        var mx = TestZone.OutcomeMx;

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [ok, reject, defer, deferOnce],
            TestMessages.Build(sender, ok, $"mixed {t}", withIdAndDate: true));
        Assert.True(result.Accepted, result.ToString());
        var accepted = DateTimeOffset.UtcNow;

        // deferonce: 451 on the first RCPT, delivered on a later attempt.
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(mx, deferOnce).Count > 0, TimeSpan.FromSeconds(20)),
            $"{deferOnce} not delivered on retry; RCPTs: {Attempts(deferOnce)}\n{await env.DiagnosticsAsync()}");
        var onceAttempts = env.Sink.RcptAttempts(mx, deferOnce);
        Assert.Equal(451, onceAttempts[0].Code);
        Assert.Contains(onceAttempts, a => a.Code == 250);

        // reject: a DSN for it alone (status from the remote reply, 5.1.1).
        var (rejectDsn, rejectReport) = await DsnWait.WaitAsync(env, sender, reject, TimeSpan.FromSeconds(20));
        DsnWait.AssertNullSender(rejectDsn);
        var rr = rejectReport.Recipients.Single(r => r.FinalRecipient.Equals(reject, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", rr.Action, ignoreCase: true);
        Assert.Equal("5.1.1", rr.Status);

        // defer: retried on the short RetryInterval (>= 2 RCPTs within ~15 s).
        Assert.True(await Eventually.TryAsync(() => env.Sink.RcptAttempts(mx, defer).Count >= 2, TimeSpan.FromSeconds(15)),
            $"{defer} not retried: {Attempts(defer)}\n{await env.DiagnosticsAsync()}");
        Assert.All(env.Sink.RcptAttempts(mx, defer), a => Assert.Equal(451, a.Code));

        // While deferred, the admin API shows it queued.
        var queued = await env.Appliance.Api.GetQueuesAsync();
        Assert.True(queued.TotalMessages >= 1, $"deferred message missing from GET /api/v1/queues: {queued.Raw}");
        Assert.Contains(TestZone.Outcome, queued.Raw, StringComparison.Ordinal);

        // ...and finally expires (MaxAge 20 s) with a DSN.
        var (expiryDsn, expiryReport) = await DsnWait.WaitAsync(env, sender, defer, TimeSpan.FromSeconds(45));
        DsnWait.AssertNullSender(expiryDsn);
        var er = expiryReport.Recipients.Single(r => r.FinalRecipient.Equals(defer, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", er.Action, ignoreCase: true);
        output.WriteLine($"expiry DSN after {(DateTimeOffset.UtcNow - accepted).TotalSeconds:0.0}s, status {er.Status}; defer RCPTs: {Attempts(defer)}");
        Assert.True(env.Sink.RcptAttempts(mx, defer).Count >= 3, $"expected several retries before expiry: {Attempts(defer)}");

        // Delivered recipients are never retried nor reported as failed.
        Assert.Single(env.Sink.MessagesFor(mx, ok));
        Assert.Single(env.Sink.MessagesFor(mx, deferOnce));
        Assert.Single(env.Sink.RcptAttempts(mx, ok));
        var allDsns = env.Sink.MessagesFor(TestZone.SenderMx, sender).Select(DsnReport.TryParse).ToList();
        Assert.All(allDsns, d => Assert.NotNull(d));
        Assert.DoesNotContain(allDsns.SelectMany(d => d!.Recipients),
            r => r.FinalRecipient.Equals(ok, StringComparison.OrdinalIgnoreCase) || r.FinalRecipient.Equals(deferOnce, StringComparison.OrdinalIgnoreCase));
        Assert.Single(DsnWait.For(env.Sink, sender, reject));
        Assert.Single(DsnWait.For(env.Sink, sender, defer));

        // The event log (JSON lines under DataDir/events) tells the same story.
        (string Type, string Rcpt)[] expectedEvents =
        [
            ("Reception", ok), ("Delivery", ok), ("Delivery", deferOnce), ("TransientFailure", deferOnce),
            ("TransientFailure", defer), ("Bounce", reject), ("Expiration", defer),
        ];
        var eventsOk = await Eventually.TryAsync(
            () => expectedEvents.All(x => env.Appliance.Events().Any(e => e.Is(x.Type, x.Rcpt))), TimeSpan.FromSeconds(10));
        var events = env.Appliance.Events().Where(e => e.Recipient?.Contains(t, StringComparison.Ordinal) == true).ToList();
        Assert.True(eventsOk, "missing events: " +
            string.Join(", ", expectedEvents.Where(x => !events.Any(e => e.Is(x.Type, x.Rcpt))).Select(x => $"{x.Type} {x.Rcpt}")) +
            "\nseen: " + string.Join("\n", events.Select(e => e.Raw)));
        Assert.DoesNotContain(events, e => e.Is("Delivery", defer) || e.Is("Delivery", reject));
        Assert.Single(events, e => e.Is("Delivery", ok));

        // Nothing left behind.
        Assert.True(await Eventually.TryAsync(async () => (await env.Appliance.Api.GetQueuesAsync()).TotalMessages == 0, TimeSpan.FromSeconds(15)),
            $"queue not empty after all outcomes\n{await env.DiagnosticsAsync()}");
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task NullSender_RejectedRecipient_ProducesNoDsn()
    {
        var t = TestMessages.Token();
        var ok = $"ok-{t}@{TestZone.Outcome}";
        var reject = $"reject-{t}@{TestZone.Outcome}";
        var headerFrom = $"nullsender-{t}@{TestZone.SenderDomain}";

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, "", [ok, reject],
            TestMessages.Build(headerFrom, ok, $"null sender {t}", withIdAndDate: true));
        Assert.True(result.Accepted, result.ToString());

        Assert.True(await Eventually.TryAsync(
                () => env.Sink.MessagesFor(TestZone.OutcomeMx, ok).Count > 0 && env.Sink.RcptAttempts(TestZone.OutcomeMx, reject).Count > 0,
                TimeSpan.FromSeconds(20)),
            $"delivery attempts missing\n{await env.DiagnosticsAsync()}");
        Assert.Equal(string.Empty, env.Sink.MessagesFor(TestZone.OutcomeMx, ok)[0].MailFrom.Trim('<', '>'));

        // RFC 5321 §4.5.5 / RFC 3464 §2: never a DSN for a DSN (null reverse-path); not to the From: header either.
        Assert.True(await Eventually.TryAsync(async () => (await env.Appliance.Api.GetQueuesAsync()).TotalMessages == 0, TimeSpan.FromSeconds(15)),
            $"queue not empty: a bounce for a null-sender message is pending?\n{await env.DiagnosticsAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(env.Sink.MessagesFor(TestZone.SenderMx, headerFrom));
        Assert.DoesNotContain(env.Sink.Messages(TestZone.SenderMx), m => m.Contains(t));
        Assert.Single(env.Sink.RcptAttempts(TestZone.OutcomeMx, reject)); // permanent: not retried
    }

    private string Attempts(string rcpt) =>
        string.Join(", ", env.Sink.RcptAttempts(TestZone.OutcomeMx, rcpt).Select(a => $"{a.Code}@{a.Time:HH:mm:ss.f}"));
}
