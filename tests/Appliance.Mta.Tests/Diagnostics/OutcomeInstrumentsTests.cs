using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Events;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class OutcomeInstrumentsTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Id = new SpoolId(Received.ToUnixTimeMilliseconds() << 20 | 7).ToString();

    private static MtaEvent Event(MtaEventType type, double secondsAfterReception, string tenant = "acme", int? attempt = null) => new()
    {
        Type = type, Timestamp = Received.AddSeconds(secondsAfterReception), MessageId = Id, Tenant = tenant,
        Site = "mx.example.net", EgressSource = "default", Attempt = attempt, RemoteHost = "mx.example.net [192.0.2.1]:25",
    };

    [Fact]
    public void Outcomes_are_counted_by_outcome_tenant_site_egress_and_category()
    {
        using var instruments = new OutcomeInstruments();
        using var recorder = new MeasurementRecorder(instruments.Meter);

        instruments.OnEvent(Event(MtaEventType.Reception, 0));
        instruments.OnEvent(Event(MtaEventType.Delivery, 3, attempt: 1));
        instruments.OnEvent(Event(MtaEventType.Bounce, 3, tenant: "globex", attempt: 1) with { Category = BounceCategory.InvalidRecipient });
        instruments.OnEvent(Event(MtaEventType.AdminAction, 4));

        Assert.Equal(1, recorder.Sum("outcomes", t => t["outcome"] == "accepted" && t["tenant"] == "acme"));
        Assert.Equal(1, recorder.Sum("outcomes", t => t["outcome"] == "delivered" && t["site"] == "mx.example.net" && t["egress"] == "default" && t["category"] == "none"));
        Assert.Equal(1, recorder.Sum("outcomes", t => t["outcome"] == "bounced" && t["tenant"] == "globex" && t["category"] == "InvalidRecipient"));
        Assert.Equal(3, recorder.Sum("outcomes"));
    }

    [Fact]
    public void Latency_runs_from_the_reception_time_in_the_spool_id()
    {
        using var instruments = new OutcomeInstruments();
        using var recorder = new MeasurementRecorder(instruments.Meter);

        instruments.OnEvent(Event(MtaEventType.TransientFailure, 2, attempt: 1));
        instruments.OnEvent(Event(MtaEventType.Delivery, 65, attempt: 2));

        Assert.Equal([2.0], recorder.Measurements.Where(m => m.Instrument == "latency.first_attempt").Select(m => m.Value));
        Assert.Equal([65.0], recorder.Measurements.Where(m => m.Instrument == "latency.delivery").Select(m => m.Value));
    }

    [Fact]
    public void Dns_failures_are_the_unconnected_failures_with_a_routing_status()
    {
        using var instruments = new OutcomeInstruments();
        using var recorder = new MeasurementRecorder(instruments.Meter);

        instruments.OnEvent(Event(MtaEventType.TransientFailure, 1, attempt: 1) with { RemoteHost = null, EnhancedCode = "4.4.3" });
        instruments.OnEvent(Event(MtaEventType.Bounce, 1, attempt: 1) with { RemoteHost = null, EnhancedCode = "5.1.2" });
        instruments.OnEvent(Event(MtaEventType.Bounce, 1, attempt: 1) with { EnhancedCode = "5.1.2" }); // the MX answered: not DNS
        instruments.OnEvent(Event(MtaEventType.TransientFailure, 1, attempt: 1) with { RemoteHost = null, EnhancedCode = "4.3.0" });

        Assert.Equal(1, recorder.Sum("dns.errors", t => t["code"] == "4.4.3"));
        Assert.Equal(1, recorder.Sum("dns.errors", t => t["code"] == "5.1.2"));
        Assert.Equal(2, recorder.Sum("dns.errors"));
    }

    [Fact]
    public void Tenants_beyond_the_label_bound_are_counted_as_other()
    {
        using var instruments = new OutcomeInstruments(maxLabelValues: 2);
        using var recorder = new MeasurementRecorder(instruments.Meter);

        foreach (var tenant in new[] { "a", "b", "c", "d", "a" }) instruments.OnEvent(Event(MtaEventType.Reception, 0, tenant));

        Assert.Equal(2, recorder.Sum("outcomes", t => t["tenant"] == "a"));
        Assert.Equal(2, recorder.Sum("outcomes", t => t["tenant"] == LabelLimiter.Other));
        Assert.Equal(["a", "b", "other"], recorder.Measurements.Select(m => m.Tags["tenant"]).Distinct().Order());
    }
}
