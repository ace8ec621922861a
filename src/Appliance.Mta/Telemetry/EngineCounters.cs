using System.Diagnostics.Metrics;

namespace Appliance.Mta.Telemetry;

/// <summary>
/// Counters for engine incidents that leave no event: SMTP AUTH failures and TLS handshake failures. A static meter
/// (the engine's meter name, shared with <c>Diagnostics.MtaMetrics</c>) so the SMTP code can count without depending on
/// anything else in the engine; see docs/telemetry.md.
/// </summary>
public static class EngineCounters
{
    /// <summary>The engine's meter name.</summary>
    public const string MeterName = "Appliance.Mta";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> AuthFailuresCounter =
        Meter.CreateCounter<long>("auth.failures", "{attempt}", "SMTP AUTH attempts that failed (bad credentials, malformed, locked out)");

    private static readonly Counter<long> TlsErrorsCounter =
        Meter.CreateCounter<long>("tls.errors", "{handshake}", "TLS handshakes that failed, by direction (inbound, outbound)");

    /// <summary>One failed AUTH (RFC 4954 §6: 535 or 501) by <paramref name="mechanism"/> and <paramref name="reason"/>.</summary>
    public static void AuthFailed(string mechanism, string reason) =>
        AuthFailuresCounter.Add(1, new KeyValuePair<string, object?>("mechanism", mechanism), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One failed TLS handshake; <paramref name="direction"/> is "inbound" (STARTTLS/implicit TLS) or "outbound".</summary>
    public static void TlsFailed(string direction) =>
        TlsErrorsCounter.Add(1, new KeyValuePair<string, object?>("direction", direction));
}
