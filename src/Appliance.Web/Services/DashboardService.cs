using Appliance.Mta.Admin;
using Appliance.Mta.Diagnostics;

namespace Appliance.Web.Services;

/// <summary>The dashboard's read model: engine metrics (per-minute ring and gauges), the queue counters and the busiest destination sites.</summary>
public sealed class DashboardService(MtaMetrics metrics, IQueueAdmin queueAdmin, TimeProvider time, IReadyQueueControl? readyQueues = null, IMtaStatus? status = null)
{
    public const int TopSiteCount = 10;

    /// <summary>The relay listener's port for the page's swaks example; 2525 (the default) before it is bound.</summary>
    public string RelayPort =>
        status?.Listeners.TryGetValue("relay", out var ep) == true ? ep!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "2525";

    public DashboardSnapshot GetSnapshot(int minutes = MtaMetrics.RingMinutes)
    {
        var stats = metrics.Snapshot(minutes);
        // The engine's queue counters and the ready queues' own counts: no walk over queued items.
        var counters = queueAdmin.GetCounters();
        var sites = queueAdmin.GetReadyQueues()
            .OrderByDescending(r => r.Suspended)
            .ThenByDescending(r => r.Messages)
            .ThenByDescending(r => r.Connections)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(TopSiteCount)
            .ToList();
        var suspended = counters.SuspendedQueues;
        var held = readyQueues?.Held(time.GetUtcNow()) ?? new Dictionary<string, DateTimeOffset>();
        return new DashboardSnapshot(stats, sites, suspended, counters.MessagesByTenant.Count, held);
    }
}
