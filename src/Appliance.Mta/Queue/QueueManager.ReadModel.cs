using Appliance.Mta.Admin;

namespace Appliance.Mta.Queue;

/// <summary>
/// The admin read model: every read comes from <see cref="QueueStore.Counters"/> (kept at each item transition) and the ready
/// queues' own counts; none takes the queue lock or walks queued items. <see cref="WalkSummary"/> is the old full walk,
/// kept only as a diagnostic and as the oracle of the counters' consistency tests.
/// </summary>
public sealed partial class QueueManager
{
    /// <inheritdoc/>
    public QueueSummary GetSummary()
    {
        var counters = _store.Counters.Snapshot();
        return new QueueSummary(_store.Counters.ScheduledQueues(), GetReadyQueues(), counters.MessagesByTenant, counters.Messages);
    }

    /// <inheritdoc/>
    public QueueCountersSnapshot GetCounters() => _store.Counters.Snapshot();

    /// <inheritdoc/>
    public IReadOnlyList<ReadyQueueInfo> GetReadyQueues() => _readyQueues?.List() ?? [];

    /// <inheritdoc/>
    public QueuePage<ScheduledQueueInfo> QueryScheduled(ScheduledQueueQuery query) => _store.Counters.Query(query);

    /// <summary>
    /// Diagnostic only: the summary computed by walking every queued item under the queue lock (O(items)). Never call it
    /// on a request path; the tests compare it with <see cref="GetSummary"/>.
    /// </summary>
    public QueueSummary WalkSummary()
    {
        var scheduled = new List<ScheduledQueueInfo>();
        var byTenant = new Dictionary<string, int>(StringComparer.Ordinal);
        lock (_store.Sync)
        {
            foreach (var q in _store.ScheduledQueues)
            {
                if (q.Items.Count == 0 && !q.Suspended) continue;
                var messages = new HashSet<long>();
                var recipients = 0;
                DateTimeOffset? oldest = null, next = null;
                foreach (var item in q.Items)
                {
                    messages.Add(item.Message.Id.Value);
                    recipients += item.Recipients.Length;
                    var received = item.Message.ReceivedAt;
                    if (oldest is null || received < oldest) oldest = received;
                    if (item.State == QueueItemState.Scheduled && (next is null || item.Due < next)) next = item.Due;
                }
                // The read model shows both times at one-second precision (ScheduledQueueTally).
                oldest = WholeSecond(oldest);
                next = WholeSecond(next);
                scheduled.Add(new ScheduledQueueInfo(q.Name, q.Tenant, q.Campaign, q.Domain, messages.Count, recipients, oldest, next, q.Suspended, q.LastResponse));
            }
        }
        foreach (var m in _store.Messages)
            byTenant[m.Envelope.TenantId] = byTenant.GetValueOrDefault(m.Envelope.TenantId) + 1;
        return new QueueSummary(scheduled.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), GetReadyQueues(), byTenant, _store.Count);
    }

    private static DateTimeOffset? WholeSecond(DateTimeOffset? time) =>
        time is { } t ? DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds()) : null;

    /// <summary>Diagnostic only: <see cref="QueueCountersSnapshot"/> computed by walking every queued item under the queue lock.</summary>
    public QueueCountersSnapshot WalkCounters()
    {
        var summary = WalkSummary();
        int items = 0, scheduled = 0, ready = 0, inFlight = 0, deferred = 0;
        lock (_store.Sync)
        {
            foreach (var item in _store.ScheduledQueues.SelectMany(q => q.Items))
            {
                items++;
                switch (item.State)
                {
                    case QueueItemState.Scheduled: scheduled++; if (item.Attempts > 0) deferred++; break;
                    case QueueItemState.Ready: ready++; break;
                    case QueueItemState.InFlight: inFlight++; break;
                }
            }
        }
        return new QueueCountersSnapshot(summary.TotalMessages, summary.Scheduled.Sum(q => q.Recipients), items, scheduled, ready, inFlight, deferred,
            summary.Scheduled.Count, summary.Scheduled.Count(q => q.Suspended), summary.MessagesByTenant);
    }
}
