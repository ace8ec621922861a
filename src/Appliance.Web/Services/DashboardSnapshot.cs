using Appliance.Mta.Admin;
using Appliance.Mta.Diagnostics;

namespace Appliance.Web.Services;

/// <summary>Everything the dashboard shows at one refresh.</summary>
public sealed record DashboardSnapshot(
    MtaStatsSnapshot Stats, IReadOnlyList<ReadyQueueInfo> TopSites, int SuspendedQueues, int TenantsWithMail, IReadOnlyDictionary<string, DateTimeOffset> HeldUntil)
{
    /// <summary>The current (partial) minute.</summary>
    public MetricsMinute ThisMinute => Stats.Minutes[^1];

    /// <summary>The last complete minute.</summary>
    public MetricsMinute LastMinute => Stats.Minutes.Count > 1 ? Stats.Minutes[^2] : Stats.Minutes[^1];

    public bool IsEmpty => Stats.Totals.Accepted == 0 && Stats.Gauges.QueueDepth == 0 && Stats.Minutes.All(m => m.Accepted == 0 && m.Delivered == 0);
}
