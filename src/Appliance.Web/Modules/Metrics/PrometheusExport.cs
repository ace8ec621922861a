using Appliance.Mta.Diagnostics;
using Appliance.Web.Cluster;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Appliance.Web.Modules.Metrics;

/// <summary>
/// The Prometheus side: a registry of its own fed by prometheus-net's MeterAdapter from every instrument of the
/// "Appliance.Mta" meters (engine counters, histograms and observable gauges), plus the host's own gauges.
/// Counters and histograms live a day (the longest prometheus-net allows) without change before they are dropped; observable gauges are re-read on each
/// scrape and a queue that vanished drops out after two minutes.
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    public static readonly double[] LatencyBuckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400];

    private readonly IDisposable _events;
    private readonly IDisposable _gauges;
    private readonly IObservableInstruments[] _instruments;

    /// <summary>The label every series carries in cluster mode: the node's name (docs/cluster.md).</summary>
    public const string NodeLabel = "node";

    /// <param name="instruments">The observable gauge sets to export: created before the export listens, kept alive by it.</param>
    /// <param name="cluster">In cluster mode every series gets the static label <c>node="{name}"</c>, so one Prometheus can scrape all nodes.</param>
    public PrometheusExport(IEnumerable<IObservableInstruments> instruments, IOptions<ClusterOptions>? cluster = null)
    {
        _instruments = [.. instruments];
        Registry = Prometheus.Metrics.NewCustomRegistry();
        // Static labels must be set before the first series is registered.
        if (cluster?.Value is { Enabled: true } c) Registry.SetStaticLabels(new Dictionary<string, string> { [NodeLabel] = c.EffectiveNodeName });
        _events = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            // The options' default factory writes to the global registry and overrides Registry.
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = i => i.Meter.Name == MtaMetrics.MeterName && !IsObservable(i),
            MetricsExpireAfter = TimeSpan.FromDays(1), // the longest prometheus-net allows
            ResolveHistogramBuckets = _ => LatencyBuckets,
        });
        _gauges = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = i => i.Meter.Name == MtaMetrics.MeterName && IsObservable(i),
            MetricsExpireAfter = TimeSpan.FromMinutes(2),
        });
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>For gauges the host defines itself (webhook backlog).</summary>
    public IMetricFactory Factory { get; }

    private static bool IsObservable(System.Diagnostics.Metrics.Instrument i) => i.IsObservable;

    public void Dispose()
    {
        _events.Dispose();
        _gauges.Dispose();
    }
}
