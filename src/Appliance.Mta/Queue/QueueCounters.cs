using Appliance.Mta.Admin;

namespace Appliance.Mta.Queue;

/// <summary>
/// The admin read model of the queue: counters kept as items move, so that the dashboard, the Queues page, the API and
/// the metrics read totals in O(1) and the queue list in O(scheduled queues), never walking queued items and never
/// taking the queue lock. Every change of a <see cref="QueueItem"/>'s state (created and scheduled, ready, in flight,
/// deferred, finished by delivery, bounce, expiry or an administrator) calls <see cref="OnItemChanged"/>, which takes
/// back what it counted for the item last time and counts it again as it is now; a finished item is no longer counted.
/// It owns only counts: the queue's items and locks stay in <see cref="QueueManager"/>.
/// </summary>
public sealed class QueueCounters
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ScheduledQueueTally> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _openItemsByMessage = [];
    private readonly Dictionary<string, int> _messagesByTenant = new(StringComparer.Ordinal);
    private int _recipients, _items, _scheduled, _ready, _inFlight, _deferred;

    /// <summary>
    /// The hook: recounts <paramref name="item"/> as it is now. Called on every state change (the item's State setter),
    /// after its recipients or due time changed; safe to call from any thread, and idempotent.
    /// </summary>
    public void OnItemChanged(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            // Read under our lock: racing transitions of one item each recount it, and the last recount sees its final state.
            if (item.Tally is { } old) Remove(old);
            if (item.State == QueueItemState.Done)
            {
                item.Tally = null;
                return;
            }
            var message = item.Message;
            var tally = new QueueItemTally(
                ScheduledQueue.KeyOf(item.Queue.Tenant, item.Queue.Campaign, item.Queue.Domain), message.Id.Value, message.Envelope.TenantId,
                message.Envelope.ReceivedAt.UtcTicks, item.State, item.Due.UtcTicks, item.Recipients.Length,
                item.State == QueueItemState.Scheduled && item.Attempts > 0);
            Add(tally, item.Queue);
            item.Tally = tally;
        }
    }

    /// <summary>The totals and messages per tenant.</summary>
    public QueueCountersSnapshot Snapshot()
    {
        lock (_lock)
        {
            var queues = 0;
            var suspended = 0;
            foreach (var q in _queues.Values)
            {
                if (!Visible(q)) continue;
                queues++;
                if (q.Queue.Suspended) suspended++;
            }
            return new QueueCountersSnapshot(_openItemsByMessage.Count, _recipients, _items, _scheduled, _ready, _inFlight, _deferred,
                queues, suspended, new Dictionary<string, int>(_messagesByTenant, StringComparer.Ordinal));
        }
    }

    /// <summary>One row per scheduled queue that has items or is suspended, ordered by name.</summary>
    public IReadOnlyList<ScheduledQueueInfo> ScheduledQueues()
    {
        List<ScheduledQueueInfo> rows;
        lock (_lock) rows = _queues.Values.Where(Visible).Select(q => q.ToInfo()).ToList();
        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return rows;
    }

    /// <summary>One page of <see cref="ScheduledQueues"/> matching <paramref name="query"/>.</summary>
    public QueuePage<ScheduledQueueInfo> Query(ScheduledQueueQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<ScheduledQueueInfo> rows;
        // Cheap key filters first, under the lock; rows are built only for the queues that pass them.
        lock (_lock)
        {
            rows = _queues.Values
                .Where(q => Visible(q)
                    && (query.Tenant is null || string.Equals(q.Queue.Tenant, query.Tenant, StringComparison.Ordinal))
                    && (query.Domain is null || string.Equals(q.Queue.Domain, query.Domain, StringComparison.OrdinalIgnoreCase)))
                .Select(q => q.ToInfo())
                .ToList();
        }
        return ScheduledQueuePager.Apply(rows, query);
    }

    /// <summary>A suspended queue stays listed while empty, as the queue keeps it.</summary>
    private static bool Visible(ScheduledQueueTally q) => q.Items > 0 || q.Queue.Suspended;

    private void Add(QueueItemTally t, ScheduledQueue queue)
    {
        _items++;
        _recipients += t.Recipients;
        CountState(t, +1);
        if (!_queues.TryGetValue(t.QueueKey, out var q)) _queues[t.QueueKey] = q = new ScheduledQueueTally(queue);
        q.Queue = queue;
        q.Items++;
        q.Recipients += t.Recipients;
        q.Messages[t.MessageId] = q.Messages.GetValueOrDefault(t.MessageId) + 1;
        ScheduledQueueTally.Increment(q.Received, t.ReceivedTicks);
        if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Increment(q.ScheduledDue, t.DueTicks);
        var open = _openItemsByMessage.GetValueOrDefault(t.MessageId);
        _openItemsByMessage[t.MessageId] = open + 1;
        if (open == 0) _messagesByTenant[t.Tenant] = _messagesByTenant.GetValueOrDefault(t.Tenant) + 1;
    }

    private void Remove(QueueItemTally t)
    {
        _items--;
        _recipients -= t.Recipients;
        CountState(t, -1);
        if (_queues.TryGetValue(t.QueueKey, out var q))
        {
            q.Items--;
            q.Recipients -= t.Recipients;
            ScheduledQueueTally.Decrement(q.Received, t.ReceivedTicks);
            if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Decrement(q.ScheduledDue, t.DueTicks);
            if (q.Messages.TryGetValue(t.MessageId, out var n))
            {
                if (n <= 1) q.Messages.Remove(t.MessageId);
                else q.Messages[t.MessageId] = n - 1;
            }
            if (q.Items == 0 && !q.Queue.Suspended) _queues.Remove(t.QueueKey);
        }
        if (_openItemsByMessage.TryGetValue(t.MessageId, out var open))
        {
            if (open > 1)
            {
                _openItemsByMessage[t.MessageId] = open - 1;
                return;
            }
            _openItemsByMessage.Remove(t.MessageId);
            var tenant = _messagesByTenant.GetValueOrDefault(t.Tenant) - 1;
            if (tenant <= 0) _messagesByTenant.Remove(t.Tenant);
            else _messagesByTenant[t.Tenant] = tenant;
        }
    }

    private void CountState(QueueItemTally t, int delta)
    {
        switch (t.State)
        {
            case QueueItemState.Scheduled: _scheduled += delta; break;
            case QueueItemState.Ready: _ready += delta; break;
            case QueueItemState.InFlight: _inFlight += delta; break;
        }
        if (t.Deferred) _deferred += delta;
    }
}
