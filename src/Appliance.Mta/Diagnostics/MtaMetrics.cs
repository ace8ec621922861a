using System.Diagnostics.Metrics;
using Appliance.Mta.Events;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// Engine counters as System.Diagnostics.Metrics instruments (meter <see cref="MeterName"/>, see
/// docs/telemetry.md) plus an in-memory ring of per-minute buckets covering the last
/// <see cref="RingMinutes"/> minutes, for the dashboard. Fed by <see cref="MetricsEventSink"/>.
/// </summary>
public sealed class MtaMetrics : IDisposable
{
    /// <summary>Name of the engine's meter (one name for every engine instrument; docs/telemetry.md).</summary>
    public const string MeterName = Telemetry.EngineCounters.MeterName;
    /// <summary>Length of the per-minute ring: 24 hours of one-minute buckets.</summary>
    public const int RingMinutes = 24 * 60;

    private readonly TimeProvider _time;
    private readonly Func<MtaGaugeValues> _gauges;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _bounced;
    private readonly Counter<long> _expired;
    private readonly Lock _lock = new();
    private readonly long[] _bucketMinute = new long[RingMinutes];
    private readonly int[,] _counts = new int[RingMinutes, 5];
    private readonly long[] _totals = new long[5];

    /// <summary>
    /// Creates the counters and gauges on the engine meter; <paramref name="gauges"/> reads queue depth and open
    /// connections on demand (null: all zero).
    /// </summary>
    public MtaMetrics(TimeProvider time, Func<MtaGaugeValues>? gauges = null)
    {
        _time = time;
        _gauges = gauges ?? (() => MtaGaugeValues.Zero);
        Array.Fill(_bucketMinute, -1);
        Meter = new Meter(MeterName);
        _accepted = Meter.CreateCounter<long>("mta.messages.accepted", "{recipient}", "Recipients accepted into the queue");
        _delivered = Meter.CreateCounter<long>("mta.messages.delivered", "{recipient}", "Recipients delivered");
        _deferred = Meter.CreateCounter<long>("mta.messages.deferred", "{recipient}", "Transient delivery failures (retried later)");
        _bounced = Meter.CreateCounter<long>("mta.messages.bounced", "{recipient}", "Recipients failed permanently");
        _expired = Meter.CreateCounter<long>("mta.messages.expired", "{recipient}", "Recipients expired after the maximum queue age");
        Meter.CreateObservableGauge("mta.queue.depth", () => ReadGauges().QueueDepth, "{message}", "Messages in the queue");
        Meter.CreateObservableGauge("mta.connections.inbound", () => ReadGauges().InboundConnections, "{connection}", "Open SMTP server connections");
        Meter.CreateObservableGauge("mta.connections.outbound", () => ReadGauges().OutboundConnections, "{connection}", "Open delivery connections");
    }

    /// <summary>The engine meter holding the counters and gauges, for the host's metrics exporter.</summary>
    public Meter Meter { get; }

    /// <summary>Counts one event. Types other than the five counted ones are ignored.</summary>
    public void Record(MtaEventType type, DateTimeOffset at)
    {
        var (index, counter) = type switch
        {
            MtaEventType.Reception => (0, _accepted),
            MtaEventType.Delivery => (1, _delivered),
            MtaEventType.TransientFailure => (2, _deferred),
            MtaEventType.Bounce => (3, _bounced),
            MtaEventType.Expiration => (4, _expired),
            _ => (-1, null),
        };
        if (counter is null) return;
        counter.Add(1);
        var minute = at.ToUnixTimeSeconds() / 60;
        var slot = (int)(minute % RingMinutes);
        lock (_lock)
        {
            _totals[index]++;
            // An event older than the ring (a clock step back of a day) is counted in the totals only.
            if (_bucketMinute[slot] > minute) return;
            if (_bucketMinute[slot] != minute)
            {
                _bucketMinute[slot] = minute;
                for (var i = 0; i < 5; i++) _counts[slot, i] = 0;
            }
            _counts[slot, index]++;
        }
    }

    /// <summary>The last <paramref name="minutes"/> minutes up to and including the current one, oldest first.</summary>
    public IReadOnlyList<MetricsMinute> GetMinutes(int minutes)
    {
        minutes = Math.Clamp(minutes, 1, RingMinutes);
        var now = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var result = new List<MetricsMinute>(minutes);
        lock (_lock)
        {
            for (var m = now - minutes + 1; m <= now; m++)
            {
                var slot = (int)(m % RingMinutes);
                var at = DateTimeOffset.FromUnixTimeSeconds(m * 60);
                result.Add(_bucketMinute[slot] == m
                    ? new MetricsMinute(at, _counts[slot, 0], _counts[slot, 1], _counts[slot, 2], _counts[slot, 3], _counts[slot, 4])
                    : new MetricsMinute(at, 0, 0, 0, 0, 0));
            }
        }
        return result;
    }

    /// <summary>Counts since the process started (Minute is the time of the snapshot).</summary>
    public MetricsMinute GetTotals()
    {
        lock (_lock)
            return new MetricsMinute(_time.GetUtcNow(), (int)_totals[0], (int)_totals[1], (int)_totals[2], (int)_totals[3], (int)_totals[4]);
    }

    /// <summary>
    /// The current gauge values; zero while the host is shutting down (the reader's services are disposed).
    /// </summary>
    public MtaGaugeValues ReadGauges()
    {
        try
        {
            return _gauges();
        }
        catch (ObjectDisposedException)
        {
            return MtaGaugeValues.Zero; // the host is shutting down
        }
    }

    /// <summary>
    /// Totals since start, the last <paramref name="minutes"/> one-minute buckets (capped by <see cref="RingMinutes"/>)
    /// and the gauges, for the dashboard.
    /// </summary>
    public MtaStatsSnapshot Snapshot(int minutes = RingMinutes) => new(_time.GetUtcNow(), GetTotals(), GetMinutes(minutes), ReadGauges());

    /// <summary>Disposes the meter, which unregisters its instruments.</summary>
    public void Dispose() => Meter.Dispose();
}
