using Appliance.Mta.Admin;
using Appliance.Mta.Events;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Queue;

/// <summary>Admin operations over the queue (mox queue.HoldSet/Fail/Drop with a filter).</summary>
public sealed partial class QueueManager : IQueueAdmin
{
    private Func<IReadOnlyCollection<ReadyQueue>> _readyQueues = () => [];
    private Action<ReadyQueue> _wakeReadyQueue = _ => { };

    /// <summary>The dispatcher's ready queues, for the summary and site-level suspension, and how to restart
    /// connections for a resumed one.</summary>
    public void AttachReadyQueues(Func<IReadOnlyCollection<ReadyQueue>> readyQueues, Action<ReadyQueue> wake)
    {
        _readyQueues = readyQueues;
        _wakeReadyQueue = wake;
    }

    public int Suspend(QueueFilter filter, string actor) => SetSuspended(filter, true, actor);

    public int Resume(QueueFilter filter, string actor) => SetSuspended(filter, false, actor);

    private int SetSuspended(QueueFilter filter, bool suspended, string actor)
    {
        var affected = 0;
        if (filter.Site is not null)
        {
            foreach (var r in _readyQueues().Where(r => string.Equals(r.Site, filter.Site, StringComparison.OrdinalIgnoreCase)))
            {
                r.Suspended = suspended;
                affected += r.Pending;
                if (!suspended) _wakeReadyQueue(r);
            }
        }
        var resumed = new List<QueueItem>();
        lock (_queuesLock)
        {
            foreach (var q in _scheduled.Values.Where(q => Matches(q, filter)))
            {
                if (filter.Site is not null && filter.Tenant is null && filter.Campaign is null && filter.Domain is null) break;
                q.Suspended = suspended;
                affected += q.Items.Count;
                if (!suspended) resumed.AddRange(q.Items.Where(i => i.State == QueueItemState.Scheduled));
            }
        }
        foreach (var item in resumed) Schedule(item);
        Audit(suspended ? "suspend" : "resume", filter, affected, actor);
        return affected;
    }

    public int RetryNow(QueueFilter filter, string actor)
    {
        var items = Select(filter, QueueItemState.Scheduled);
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            item.Due = now;
            Schedule(item);
        }
        Audit("retry", filter, items.Count, actor);
        return items.Count;
    }

    public int Bounce(QueueFilter filter, string reason, string actor) => Cancel(filter, CancelAction.Bounce, reason, actor);

    public int Delete(QueueFilter filter, string actor) => Cancel(filter, CancelAction.Delete, null, actor);

    private int Cancel(QueueFilter filter, CancelAction action, string? reason, string actor)
    {
        var scheduled = Select(filter, QueueItemState.Scheduled);
        var ready = Select(filter, QueueItemState.Ready);
        foreach (var item in ready)
        {
            item.CancelReason = reason;
            item.Cancel = action; // the sender applies it when it dequeues the item
        }
        foreach (var item in scheduled)
        {
            item.State = QueueItemState.Ready; // stale timer entries are ignored
            item.CancelReason = reason;
            item.Cancel = action;
            ApplyCancellation(item);
        }
        Audit(action == CancelAction.Bounce ? "bounce" : "delete", filter, scheduled.Count + ready.Count, actor);
        return scheduled.Count + ready.Count;
    }

    /// <summary>Bounce: permanent failure with DSN. Delete: recipients finished silently.</summary>
    public void ApplyCancellation(QueueItem item)
    {
        if (item.Cancel == CancelAction.Bounce)
        {
            ApplyUniform(item, new SmtpReply(550, "5.0.0", $"Bounced by administrator: {item.CancelReason ?? "no reason given"}"), AttemptInfo.None);
            return;
        }
        lock (item.Message.Sync)
            foreach (var index in item.Recipients) item.Message.Done[index] = true;
        FinishItem(item);
    }

    private List<QueueItem> Select(QueueFilter filter, QueueItemState state)
    {
        lock (_queuesLock)
        {
            return _scheduled.Values.Where(q => Matches(q, filter))
                .SelectMany(q => q.Items)
                .Where(i => i.State == state && i.Cancel == CancelAction.None)
                .Where(i => filter.MessageId is null || i.Message.Id.ToString() == filter.MessageId || i.Message.Envelope.MessageIdHeader == filter.MessageId)
                .Where(i => filter.Site is null || string.Equals(i.Site, filter.Site, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
    }

    private static bool Matches(ScheduledQueue q, QueueFilter f) =>
        (f.Tenant is null || q.Tenant == f.Tenant)
        && (f.Campaign is null || q.Campaign == f.Campaign)
        && (f.Domain is null || string.Equals(q.Domain, f.Domain, StringComparison.OrdinalIgnoreCase));

    private void Audit(string action, QueueFilter filter, int affected, string actor) =>
        _events.Write(new MtaEvent
        {
            Type = MtaEventType.AdminAction,
            Timestamp = _time.GetUtcNow(),
            Detail = $"{action} by {actor}: {affected} affected; filter {filter}",
        });
}
