using Appliance.Mta.Admin;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Queue;

namespace Appliance.Web.Services;

/// <summary>The dashboard's read model: engine metrics (per-minute ring and gauges), the queue counters and the busiest destination sites.</summary>
public sealed class DashboardService(IServiceProvider services, TimeProvider time)
{
    public const int TopSiteCount = 10;

    public DashboardSnapshot GetSnapshot(int minutes = MtaMetrics.RingMinutes)
    {
        var stats = services.GetService<MtaMetrics>()?.Snapshot(minutes) ?? Empty(minutes);
        // The engine's queue counters and the ready queues' own counts: no walk over queued items.
        var admin = services.GetService<IQueueAdmin>();
        var counters = admin?.GetCounters();
        var sites = admin?.GetReadyQueues()
            .OrderByDescending(r => r.Suspended)
            .ThenByDescending(r => r.Messages)
            .ThenByDescending(r => r.Connections)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(TopSiteCount)
            .ToList() ?? [];
        var suspended = counters?.SuspendedQueues ?? 0;
        var held = services.GetService<QueueManager>()?.GetHeldReadyQueues(time.GetUtcNow()) ?? new Dictionary<string, DateTimeOffset>();
        return new DashboardSnapshot(stats, sites, suspended, counters?.MessagesByTenant.Count ?? 0, held);
    }

    private MtaStatsSnapshot Empty(int minutes)
    {
        var now = time.GetUtcNow();
        var first = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var series = Enumerable.Range(0, minutes).Select(i => new MetricsMinute(first.AddMinutes(i - minutes + 1), 0, 0, 0, 0, 0)).ToList();
        return new MtaStatsSnapshot(now, new MetricsMinute(now, 0, 0, 0, 0, 0), series, MtaGaugeValues.Zero);
    }
}
