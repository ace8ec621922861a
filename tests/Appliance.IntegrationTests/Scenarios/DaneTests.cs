using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Outbound DANE (RFC 7672) end to end against a real signed zone: nsd serving zones signed with ldns-signzone,
/// unbound validating them from the trust anchor, the appliance trusting unbound's AD bit
/// (Appliance:Dns:DnssecValidating=true), recording sinks with and without STARTTLS. Each case checks delivery or
/// deferral, the 4.7.5 reason, the event timeline and the TLS-RPT counts stored in its database.
/// </summary>
public sealed class DaneTests(DaneEnvironment env) : IClassFixture<DaneEnvironment>
{
    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case1_secure_mx_with_matching_dane_ee_is_delivered_over_tls_and_the_timeline_says_dane_verified()
    {
        var to = await SendAsync("ee", DaneEnvironment.EeOk);

        var delivered = await DeliveredEventAsync(to);
        Assert.Contains("DANE verified", delivered, StringComparison.Ordinal);
        Assert.Contains("DANE-EE 3 1 1", delivered, StringComparison.Ordinal);
        Assert.Single(env.Sink.MessagesFor(DaneEnvironment.TlsSink, to));
        await AssertCountsAsync(DaneEnvironment.EeOk, "tlsa/success=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case2_tlsa_not_matching_the_certificate_defers_4_7_5_and_counts_tlsa_invalid()
    {
        var to = await SendAsync("eebad", DaneEnvironment.EeMismatch);

        var deferral = await DeferralAsync(to);
        Assert.Contains("tlsa-invalid", deferral, StringComparison.Ordinal);
        Assert.Contains("no TLSA record matches", deferral, StringComparison.Ordinal);
        Assert.Empty(env.Sink.MessagesFor(DaneEnvironment.TlsSink, to));
        await AssertCountsAsync(DaneEnvironment.EeMismatch, "tlsa/tlsa-invalid=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case3_secure_tlsa_but_no_starttls_defers_4_7_5_and_counts_dane_required()
    {
        var to = await SendAsync("notls", DaneEnvironment.NoStartTls);

        var deferral = await DeferralAsync(to);
        Assert.Contains("dane-required", deferral, StringComparison.Ordinal);
        Assert.Empty(env.PlainSinkProcess.MessagesFor(DaneEnvironment.PlainSink, to));
        await AssertCountsAsync(DaneEnvironment.NoStartTls, "tlsa/dane-required=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case4_unsigned_zone_is_delivered_opportunistically_without_a_dane_claim()
    {
        // Its TLSA record names another key: were it trusted, delivery would fail.
        var to = await SendAsync("insecure", DaneEnvironment.Insecure);

        var delivered = await DeliveredEventAsync(to);
        Assert.DoesNotContain("DANE", delivered, StringComparison.Ordinal);
        Assert.Contains("TLS", delivered, StringComparison.Ordinal);
        var counts = await AssertCountsAsync(DaneEnvironment.Insecure, "no-policy-found/success=");
        Assert.DoesNotContain("tlsa", counts, StringComparison.Ordinal);
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case5_zone_with_a_broken_signature_defers_4_7_5_and_counts_dnssec_invalid()
    {
        var resolver = await env.Dns.AskAsync(DaneEnvironment.Bogus, "MX");
        Assert.Contains("SERVFAIL", resolver, StringComparison.Ordinal);

        var to = await SendAsync("bogus", DaneEnvironment.Bogus);

        var deferral = await DeferralAsync(to);
        Assert.Contains("DNSSEC validation failed", deferral, StringComparison.Ordinal);
        Assert.Empty(env.Sink.MessagesFor(DaneEnvironment.TlsSink, to));
        await AssertCountsAsync(DaneEnvironment.Bogus, "tlsa/dnssec-invalid=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case6_dane_ta_with_a_chain_from_the_test_ca_and_the_mx_name_in_the_certificate_is_delivered()
    {
        var to = await SendAsync("ta", DaneEnvironment.TaOk);

        var delivered = await DeliveredEventAsync(to);
        Assert.Contains("DANE verified", delivered, StringComparison.Ordinal);
        Assert.Contains("DANE-TA 2 0 1", delivered, StringComparison.Ordinal);
        await AssertCountsAsync(DaneEnvironment.TaOk, "tlsa/success=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case6_dane_ta_with_the_mx_name_missing_from_the_certificate_is_deferred()
    {
        var to = await SendAsync("tabad", DaneEnvironment.TaWrongName);

        var deferral = await DeferralAsync(to);
        Assert.Contains("certificate-host-mismatch", deferral, StringComparison.Ordinal);
        Assert.Empty(env.Sink.MessagesFor(DaneEnvironment.TlsSink, to));
        await AssertCountsAsync(DaneEnvironment.TaWrongName, "tlsa/certificate-host-mismatch=");
    }

    [IntegrationFact(DaneEnvironment.Requires)]
    public async Task Case7_domain_with_dane_and_mta_sts_is_decided_by_dane()
    {
        // The MTA-STS policy (enforce, mx: elsewhere.example) would defer; DANE takes precedence (RFC 8461 §2).
        var to = await SendAsync("both", DaneEnvironment.Both);

        var delivered = await DeliveredEventAsync(to);
        Assert.Contains("DANE verified", delivered, StringComparison.Ordinal);
        Assert.DoesNotContain(env.Policies.Requests, r => r.StartsWith("mta-sts." + DaneEnvironment.Both, StringComparison.Ordinal));
        var counts = await AssertCountsAsync(DaneEnvironment.Both, "tlsa/success=");
        Assert.DoesNotContain("sts/", counts.Replace("tlsa/", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<string> DeliveredEventAsync(string to)
    {
        var ok = await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("Delivery", to)), TimeSpan.FromSeconds(30));
        Assert.True(ok, $"not delivered to {to}\n{await env.DiagnosticsAsync()}");
        return env.Appliance.Events().First(e => e.Is("Delivery", to)).Raw;
    }

    private async Task<string> DeferralAsync(string to)
    {
        var ok = await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("TransientFailure", to)), TimeSpan.FromSeconds(30));
        Assert.True(ok, $"expected a TransientFailure for {to}\n{await env.DiagnosticsAsync()}");
        var raw = env.Appliance.Events().First(e => e.Is("TransientFailure", to)).Raw;
        Assert.Contains("4.7.5", raw, StringComparison.Ordinal);
        Assert.Contains("DANE", raw, StringComparison.Ordinal);
        return raw;
    }

    private async Task<string> AssertCountsAsync(string domain, string expected)
    {
        var counts = "";
        var stored = await Eventually.TryAsync(async () =>
        {
            counts = await StoredOutcomesAsync(domain);
            return counts.Contains(expected, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20));
        Assert.True(stored, $"TLS-RPT counts for {domain}: '{counts}', expected '{expected}'\n{await env.DiagnosticsAsync()}");
        return counts;
    }

    private Task<string> StoredOutcomesAsync(string domain) => StoredTlsOutcomes.ReadAsync(env.Appliance, domain);

    private async Task<string> SendAsync(string local, string domain)
    {
        var to = $"{local}-{TestMessages.Token()}@{domain}";
        var from = $"s-{TestMessages.Token()}@{TestZone.SenderDomain}";
        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], TestMessages.Build(from, to, "dane", withIdAndDate: true));
        Assert.True(result.Accepted, result.ToString());
        return to;
    }
}
