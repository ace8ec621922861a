using System.Diagnostics.Metrics;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// The observable gauge "complaints.rate": complaints per delivered recipient over the last 24 hours, per pool and per
/// egress source (scope, name), read from the <see cref="ComplaintRateCounter"/>. Both label sets are bounded by the
/// egress configuration; per-tenant rates come from the outcomes counter (complained / delivered) and the API.
/// </summary>
public sealed class ComplaintRateInstruments : IObservableInstruments, IDisposable
{
    private readonly Meter _meter = new(MtaMetrics.MeterName);

    /// <summary>
    /// Creates the "complaints.rate" gauge over <paramref name="counter"/>; it is read on each metrics scrape.
    /// </summary>
    public ComplaintRateInstruments(ComplaintRateCounter counter)
    {
        _meter.CreateObservableGauge("complaints.rate", () => Read(counter), "1", "Complaints per delivered recipient over 24 hours, by pool and egress source");
    }

    /// <summary>
    /// The meter (<see cref="MtaMetrics.MeterName"/>) that owns the gauge, for the host's metrics exporter.
    /// </summary>
    public Meter Meter => _meter;

    private static IEnumerable<Measurement<double>> Read(ComplaintRateCounter counter)
    {
        foreach (var p in counter.Pools()) yield return Measure("pool", p);
        foreach (var s in counter.Sources()) yield return Measure("source", s);
    }

    private static Measurement<double> Measure(string scope, ComplaintRateEntry e) =>
        new(e.Rate, new KeyValuePair<string, object?>("scope", scope), new KeyValuePair<string, object?>("name", e.Name));

    /// <summary>Disposes the meter, which unregisters the gauge.</summary>
    public void Dispose() => _meter.Dispose();
}
