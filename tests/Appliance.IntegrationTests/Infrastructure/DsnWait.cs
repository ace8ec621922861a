namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Finds DSNs for a given original recipient at the sender domain's MX sink.</summary>
public static class DsnWait
{
    /// <summary>All DSNs at the sender's MX, addressed to <paramref name="sender"/>, that report on <paramref name="finalRecipient"/>.</summary>
    public static IReadOnlyList<(SinkMessage Message, DsnReport Report)> For(AiosmtpdSink sink, string sender, string finalRecipient) =>
        [.. sink.MessagesFor(TestZone.SenderMx, sender)
            .Select(m => (Message: m, Report: DsnReport.TryParse(m)))
            .Where(x => x.Report is not null && x.Report.Recipients.Any(r => r.FinalRecipient.Equals(finalRecipient, StringComparison.OrdinalIgnoreCase)))
            .Select(x => (x.Message, x.Report!))];

    /// <summary>Waits for the first DSN about <paramref name="finalRecipient"/>; fails with diagnostics on timeout.</summary>
    public static async Task<(SinkMessage Message, DsnReport Report)> WaitAsync(
        MailEnvironment env, string sender, string finalRecipient, TimeSpan timeout)
    {
        var ok = await Eventually.TryAsync(() => For(env.Sink, sender, finalRecipient).Count > 0, timeout, TimeSpan.FromMilliseconds(500));
        var atSenderMx = env.Sink.MessagesFor(TestZone.SenderMx, sender);
        Assert.True(ok, $"no DSN about {finalRecipient} reached {sender} within {timeout.TotalSeconds:0}s " +
            $"({atSenderMx.Count} other messages there: {string.Join("\n----\n", atSenderMx.Select(m => m.Text))})\n{await env.DiagnosticsAsync()}");
        return For(env.Sink, sender, finalRecipient)[0];
    }

    /// <summary>RFC 3464 DSNs go out with a null reverse-path (RFC 5321 §4.5.5); aiosmtpd reports it as "" or "&lt;&gt;".</summary>
    public static void AssertNullSender(SinkMessage dsn) =>
        Assert.True(dsn.MailFrom is "" or "<>", $"DSN envelope sender must be null, was '{dsn.MailFrom}'");
}
