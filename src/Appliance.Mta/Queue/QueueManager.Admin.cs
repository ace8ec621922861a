using Appliance.Mta.Admin;
using Appliance.Mta.Events;

namespace Appliance.Mta.Queue;

/// <summary>Admin operations over the queue (mox queue.HoldSet/Fail/Drop with a filter).</summary>
public sealed partial class QueueManager : IQueueAdmin
{
    /// <inheritdoc/>
    public int Suspend(QueueFilter filter, string actor) => SetSuspended(filter, true, actor);

    /// <inheritdoc/>
    public int Resume(QueueFilter filter, string actor) => SetSuspended(filter, false, actor);

    private int SetSuspended(QueueFilter filter, bool suspended, string actor)
    {
        var affected = 0;
        if (filter.Site is not null && _readyQueues is not null) affected += _readyQueues.SetSiteSuspended(filter.Site, suspended);
        var resumed = new List<QueueItem>();
        lock (_store.Sync)
        {
            foreach (var q in _store.ScheduledQueues.Where(q => QueueStore.Matches(q, filter)))
            {
                if (filter.Site is not null && filter.Tenant is null && filter.Campaign is null && filter.Domain is null) break;
                q.Suspended = suspended;
                affected += q.Items.Count;
                if (!suspended) resumed.AddRange(q.Items.Where(i => i.State == QueueItemState.Scheduled));
            }
        }
        foreach (var item in resumed) _scheduler.Schedule(item);
        Audit(suspended ? "suspend" : "resume", filter, affected, actor);
        return affected;
    }

    /// <inheritdoc/>
    public int RetryNow(QueueFilter filter, string actor)
    {
        var items = _store.Select(filter, QueueItemState.Scheduled);
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            item.Due = now;
            _scheduler.Schedule(item);
        }
        Audit("retry", filter, items.Count, actor);
        return items.Count;
    }

    /// <inheritdoc/>
    public int Bounce(QueueFilter filter, string reason, string actor) => Cancel(filter, CancelAction.Bounce, reason, actor);

    /// <inheritdoc/>
    public int Delete(QueueFilter filter, string actor) => Cancel(filter, CancelAction.Delete, null, actor);

    private int Cancel(QueueFilter filter, CancelAction action, string? reason, string actor)
    {
        var scheduled = _store.Select(filter, QueueItemState.Scheduled);
        var ready = _store.Select(filter, QueueItemState.Ready);
        foreach (var item in ready)
        {
            item.CancelReason = reason;
            item.Cancel = action; // delivery reports it as a CancelledOutcome when it next sees the item
        }
        foreach (var item in scheduled)
        {
            item.State = QueueItemState.Ready; // stale timer entries are ignored
            item.CancelReason = reason;
            item.Cancel = action;
            _outcomes.ApplyCancellation(item);
        }
        Audit(action == CancelAction.Bounce ? "bounce" : "delete", filter, scheduled.Count + ready.Count, actor);
        return scheduled.Count + ready.Count;
    }

    private void Audit(string action, QueueFilter filter, int affected, string actor) =>
        _events.Write(new MtaEvent
        {
            Type = MtaEventType.AdminAction,
            Timestamp = _time.GetUtcNow(),
            Detail = $"{action} by {actor}: {affected} affected; filter {filter}",
        });
}
