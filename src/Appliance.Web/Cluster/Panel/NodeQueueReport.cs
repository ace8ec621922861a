using Appliance.Mta.Admin;

namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// One node's queues as the cluster panel shows them: its live counters and its busiest scheduled and ready queues
/// (at most <see cref="MaxQueues"/> of each), as seen by the caller's tenant scope (a tenant sees no ready queues).
/// </summary>
public sealed record NodeQueueReport(QueueCountersSnapshot Counters, IReadOnlyList<ScheduledQueueInfo> Scheduled, IReadOnlyList<ReadyQueueInfo> Ready)
{
    public const int MaxQueues = 100;
}
