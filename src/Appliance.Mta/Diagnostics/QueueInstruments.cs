using System.Diagnostics.Metrics;
using Appliance.Mta.Admin;
using Appliance.Mta.Delivery;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// Observable gauges of the scheduled and ready queues: depth and oldest message age per queue. Cardinality is
/// bounded: the <see cref="TopQueues"/> deepest queues are reported by name, the rest summed under "other". Read on
/// scrape; one queue summary serves every gauge of a scrape (cached for a second).
/// </summary>
public sealed class QueueInstruments : IObservableInstruments, IDisposable
{
    /// <summary>
    /// Queues reported by name per gauge when the caller does not say; the rest are summed under "other".
    /// </summary>
    public const int DefaultTopQueues = 20;

    private readonly Meter _meter = new(MtaMetrics.MeterName);
    private readonly Func<QueueSummary> _summary;
    private readonly Func<IReadOnlyList<QueueGaugeSample>> _ready;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private (DateTimeOffset At, IReadOnlyList<QueueGaugeSample> Scheduled, IReadOnlyList<QueueGaugeSample> Ready)? _cache;

    /// <summary>Gauges over the engine's queue summary and the dispatcher's ready queues.</summary>
    public QueueInstruments(IQueueAdmin queue, DeliveryDispatcher dispatcher, TimeProvider time, int topQueues = DefaultTopQueues)
        : this(queue.GetSummary, () => ReadySamples(dispatcher, time), time, topQueues)
    {
    }

    /// <summary>
    /// Gauges over any source of samples (tests pass fixed ones): <paramref name="summary"/> for scheduled queues,
    /// <paramref name="ready"/> for ready queues.
    /// </summary>
    public QueueInstruments(Func<QueueSummary> summary, Func<IReadOnlyList<QueueGaugeSample>> ready, TimeProvider time, int topQueues = DefaultTopQueues)
    {
        _summary = summary;
        _ready = ready;
        _time = time;
        TopQueues = topQueues;
        _meter.CreateObservableGauge("queue.scheduled.depth", () => Measure(s => s.Scheduled, x => x.Depth), "{message}", "Messages per scheduled queue (top N, rest as other)");
        _meter.CreateObservableGauge("queue.scheduled.oldest_age", () => Measure(s => s.Scheduled, x => x.OldestAgeSeconds), "s", "Age of the oldest message per scheduled queue");
        _meter.CreateObservableGauge("queue.ready.depth", () => Measure(s => s.Ready, x => x.Depth), "{item}", "Items per ready queue (top N, rest as other)");
        _meter.CreateObservableGauge("queue.ready.oldest_age", () => Measure(s => s.Ready, x => x.OldestAgeSeconds), "s", "Age of the oldest message at the head of each ready queue");
    }

    /// <summary>Queues reported by name per gauge (the deepest first); the rest are summed under "other".</summary>
    public int TopQueues { get; }

    /// <summary>The meter (<see cref="MtaMetrics.MeterName"/>) holding the queue gauges.</summary>
    public Meter Meter => _meter;

    /// <summary>The scheduled and ready samples as the gauges report them (top N, then "other").</summary>
    public (IReadOnlyList<QueueGaugeSample> Scheduled, IReadOnlyList<QueueGaugeSample> Ready) Sample()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_cache is { } c && now - c.At < TimeSpan.FromSeconds(1)) return (c.Scheduled, c.Ready);
            var summary = _summary();
            var scheduled = summary.Scheduled
                .Select(q => new QueueGaugeSample(q.Name, q.Messages, q.Oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0))
                .ToList();
            _cache = (now, TopWithOther(scheduled, TopQueues), TopWithOther(_ready(), TopQueues));
            return (_cache.Value.Scheduled, _cache.Value.Ready);
        }
    }

    /// <summary>The <paramref name="top"/> deepest queues, plus one "other" sample (summed depth, maximum age) for the rest.</summary>
    public static IReadOnlyList<QueueGaugeSample> TopWithOther(IReadOnlyList<QueueGaugeSample> samples, int top)
    {
        var ordered = samples.OrderByDescending(s => s.Depth).ThenBy(s => s.Queue, StringComparer.Ordinal).ToList();
        if (ordered.Count <= top) return ordered;
        var rest = ordered.Skip(top).ToList();
        return [.. ordered.Take(top), new QueueGaugeSample(LabelLimiter.Other, rest.Sum(r => r.Depth), rest.Max(r => r.OldestAgeSeconds))];
    }

    private static IReadOnlyList<QueueGaugeSample> ReadySamples(DeliveryDispatcher dispatcher, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return dispatcher.ReadyQueues
            .Select(r => new QueueGaugeSample(r.Name, r.Pending,
                r.Items.Reader.TryPeek(out var head) ? Math.Max(0, (now - head.Message.Id.Timestamp).TotalSeconds) : 0))
            .ToList();
    }

    private IEnumerable<Measurement<double>> Measure(
        Func<(IReadOnlyList<QueueGaugeSample> Scheduled, IReadOnlyList<QueueGaugeSample> Ready), IReadOnlyList<QueueGaugeSample>> pick,
        Func<QueueGaugeSample, double> value)
    {
        IReadOnlyList<QueueGaugeSample> samples;
        try
        {
            samples = pick(Sample());
        }
        catch (ObjectDisposedException)
        {
            yield break; // the host is shutting down
        }
        foreach (var s in samples) yield return new Measurement<double>(value(s), new KeyValuePair<string, object?>("queue", s.Queue));
    }

    /// <summary>Disposes the meter, which unregisters the gauges.</summary>
    public void Dispose() => _meter.Dispose();
}
