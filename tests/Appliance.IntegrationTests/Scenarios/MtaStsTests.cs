using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Outbound MTA-STS (RFC 8461) end to end: policies fetched over HTTPS from a loopback server with a test CA, MX and
/// TXT from dnsmasq, an aiosmtpd sink with STARTTLS. Enforce delivers only to a policy-matching MX with a valid
/// certificate and defers otherwise; testing mode delivers anyway.
/// </summary>
public sealed class MtaStsTests(MtaStsEnvironment env) : IClassFixture<MtaStsEnvironment>
{
    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task Enforce_MatchingMxWithValidCertificate_GetsTheMail()
    {
        var to = $"ok-{TestMessages.Token()}@{MtaStsEnvironment.EnforceOk}";
        await SendAsync(to);
        var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(delivered, $"not delivered under the enforce policy\n{await env.DiagnosticsAsync()}");
        Assert.Contains(env.Policies.Requests, r => r.StartsWith("mta-sts." + MtaStsEnvironment.EnforceOk + " /.well-known/mta-sts.txt", StringComparison.Ordinal));
    }

    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task Enforce_MxNotInPolicy_Defers()
    {
        var to = $"nomatch-{TestMessages.Token()}@{MtaStsEnvironment.EnforceNoMatch}";
        await SendAsync(to);
        var deferred = await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("TransientFailure", to)), TimeSpan.FromSeconds(30));
        Assert.True(deferred, $"expected a TransientFailure\n{await env.DiagnosticsAsync()}");
        Assert.Contains(env.Appliance.Events(), e => e.Is("TransientFailure", to) && e.Raw.Contains("4.7.5", StringComparison.Ordinal));
        Assert.Empty(env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to));
    }

    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task Enforce_CertificateNotValidForTheMx_Defers()
    {
        var to = $"badcert-{TestMessages.Token()}@{MtaStsEnvironment.EnforceBadCert}";
        await SendAsync(to);
        var deferred = await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("TransientFailure", to)), TimeSpan.FromSeconds(30));
        Assert.True(deferred, $"expected a TransientFailure\n{await env.DiagnosticsAsync()}");
        Assert.Empty(env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to));
    }

    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task Testing_MxNotInPolicy_StillDelivers()
    {
        var to = $"testing-{TestMessages.Token()}@{MtaStsEnvironment.TestingNoMatch}";
        await SendAsync(to);
        var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(delivered, $"testing mode must deliver\n{await env.DiagnosticsAsync()}");
    }

    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task Testing_CertificateNotValidForTheMx_DeliversButRecordsTheFailureForTlsRpt()
    {
        var to = $"testing-badcert-{TestMessages.Token()}@{MtaStsEnvironment.TestingBadCert}";
        await SendAsync(to);
        var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(delivered, $"testing mode must deliver despite the certificate\n{await env.DiagnosticsAsync()}");

        // RFC 8461 §5 / RFC 8460 §4.3.2.1: the MX certificate (issued for another name) was still checked and recorded,
        // logged, and flushed to the TLS-RPT counts in the database.
        var logged = await Eventually.TryAsync(() => ReadLog().Contains(
            $"MTA-STS testing-mode failure for {MtaStsEnvironment.TestingBadCert}: certificate-host-mismatch", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.True(logged, $"no testing-mode log line\n{await env.DiagnosticsAsync()}");
        string counts = "";
        var stored = await Eventually.TryAsync(async () =>
        {
            counts = await StoredOutcomesAsync(MtaStsEnvironment.TestingBadCert);
            return counts.Contains("certificate-host-mismatch", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20));
        Assert.True(stored, $"TLS-RPT counts: '{counts}'\n{await env.DiagnosticsAsync()}");
        Assert.DoesNotContain("success", counts, StringComparison.Ordinal);
    }

    [IntegrationFact(MtaStsEnvironment.Requires)]
    public async Task No_policy_domain_sessions_are_counted_for_tls_rpt_as_no_policy_found()
    {
        var to = $"plain-{TestMessages.Token()}@{MtaStsEnvironment.NoPolicy}";
        await SendAsync(to);
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(MtaStsEnvironment.SinkAddress, to).Count > 0, TimeSpan.FromSeconds(30)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
        // RFC 8460 §4.4: the STARTTLS session to a domain without a policy is still counted, as policy-type no-policy-found.
        string counts = "";
        var stored = await Eventually.TryAsync(async () =>
        {
            counts = await StoredOutcomesAsync(MtaStsEnvironment.NoPolicy);
            return counts.Contains("no-policy-found/success=", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20));
        Assert.True(stored, $"TLS-RPT counts: '{counts}'\n{await env.DiagnosticsAsync()}");
        Assert.DoesNotContain("starttls-not-supported", counts, StringComparison.Ordinal);
    }

    private string ReadLog()
    {
        using var stream = new FileStream(env.Appliance.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    private Task<string> StoredOutcomesAsync(string domain) => StoredTlsOutcomes.ReadAsync(env.Appliance, domain);

    private async Task SendAsync(string to)
    {
        var from = $"s-{TestMessages.Token()}@{TestZone.SenderDomain}";
        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], TestMessages.Build(from, to, "mta-sts", withIdAndDate: true));
        Assert.True(result.Accepted, result.ToString());
    }
}
