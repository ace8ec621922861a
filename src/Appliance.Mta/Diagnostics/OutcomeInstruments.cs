using System.Diagnostics.Metrics;
using Appliance.Mta.Events;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// Instruments fed from the event stream (an <see cref="IEventListener"/>, so delivery code is untouched): recipient
/// outcomes (and complaints) by tenant, site, egress source and bounce category; reception-to-first-attempt and reception-to-delivery
/// latency (the reception time is the one encoded in the time-ordered <see cref="SpoolId"/>); DNS failures.
/// Label values are bounded by <see cref="LabelLimiter"/>. See docs/telemetry.md.
/// </summary>
public sealed class OutcomeInstruments : IEventListener, IDisposable
{
    /// <summary>
    /// Distinct tenants, sites and egress sources reported by name per label before the rest become "other".
    /// </summary>
    public const int DefaultMaxLabelValues = 50;

    /// <summary>The outcome of a complaint (a Feedback event other than not-spam): complained/delivered is the complaint rate.</summary>
    public const string Complained = "complained";

    private readonly Meter _meter = new(MtaMetrics.MeterName);
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _dnsErrors;
    private readonly Histogram<double> _firstAttempt;
    private readonly Histogram<double> _delivery;
    private readonly LabelLimiter _tenants;
    private readonly LabelLimiter _sites;
    private readonly LabelLimiter _egress;

    /// <summary>
    /// Creates the outcome counter, DNS error counter and latency histograms; each label keeps at most <paramref
    /// name="maxLabelValues"/> distinct values.
    /// </summary>
    public OutcomeInstruments(int maxLabelValues = DefaultMaxLabelValues)
    {
        _tenants = new LabelLimiter(maxLabelValues);
        _sites = new LabelLimiter(maxLabelValues);
        _egress = new LabelLimiter(maxLabelValues);
        _outcomes = _meter.CreateCounter<long>("outcomes", "{recipient}",
            "Recipient outcomes by outcome (accepted, delivered, deferred, bounced, expired, complained), tenant, site, egress and category");
        _dnsErrors = _meter.CreateCounter<long>("dns.errors", "{recipient}",
            "Recipients that failed to route because of DNS, by enhanced status code");
        _firstAttempt = _meter.CreateHistogram<double>("latency.first_attempt", "s", "Reception to first delivery attempt");
        _delivery = _meter.CreateHistogram<double>("latency.delivery", "s", "Reception to successful delivery");
    }

    /// <summary>The meter (<see cref="MtaMetrics.MeterName"/>) holding these instruments.</summary>
    public Meter Meter => _meter;

    /// <inheritdoc/>
    public void OnEvent(MtaEvent e)
    {
        var outcome = ComplaintEvent.Is(e) ? Complained : OutcomeOf(e.Type);
        if (outcome is null) return;
        _outcomes.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("tenant", _tenants.Map(e.Tenant)),
            new KeyValuePair<string, object?>("site", _sites.Map(e.Site)),
            new KeyValuePair<string, object?>("egress", _egress.Map(e.EgressSource)),
            new KeyValuePair<string, object?>("category", e.Category?.ToString() ?? LabelLimiter.None));
        if (e.Type is MtaEventType.Reception or MtaEventType.Feedback) return;
        if (IsDnsFailure(e)) _dnsErrors.Add(1, new KeyValuePair<string, object?>("code", e.EnhancedCode));
        if (!SpoolId.TryParse(e.MessageId, out var id)) return;
        var seconds = Math.Max(0, (e.Timestamp - id.Timestamp).TotalSeconds);
        if (e.Attempt == 1 && e.Type is MtaEventType.Delivery or MtaEventType.TransientFailure or MtaEventType.Bounce)
            _firstAttempt.Record(seconds);
        if (e.Type == MtaEventType.Delivery) _delivery.Record(seconds);
    }

    /// <summary>The outcome label of a counted event type, null for types that are not recipient outcomes.</summary>
    public static string? OutcomeOf(MtaEventType type) => type switch
    {
        MtaEventType.Reception => "accepted",
        MtaEventType.Delivery => "delivered",
        MtaEventType.TransientFailure => "deferred",
        MtaEventType.Bounce => "bounced",
        MtaEventType.Expiration => "expired",
        _ => null,
    };

    /// <summary>
    /// A failure decided before any connection (no remote host) with a DNS enhanced status: X.4.3 directory server
    /// failure, X.1.2 bad destination system (NXDOMAIN), X.4.4 unable to route (RFC 3463 §3.5, §3.2), X.1.10 null MX
    /// (RFC 7505 §4.2).
    /// </summary>
    public static bool IsDnsFailure(MtaEvent e) =>
        e.Type is MtaEventType.TransientFailure or MtaEventType.Bounce
        && e.RemoteHost is null
        && e.EnhancedCode is { Length: > 2 } code
        && code[2..] is "4.3" or "1.2" or "4.4" or "1.10";

    /// <summary>Disposes the meter, which unregisters its instruments.</summary>
    public void Dispose() => _meter.Dispose();
}
