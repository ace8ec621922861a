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
    // By queue object (the walk's unit too); a queue the QueueManager dropped and recreated gets a new entry.
    private readonly Dictionary<ScheduledQueue, ScheduledQueueTally> _queues = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _messagesByTenant = new(StringComparer.Ordinal);
    private int _messages, _recipients, _items, _scheduled, _ready, _inFlight, _deferred;

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
            if (item.Tally is { } old) Remove(item.Message, old);
            if (item.State == QueueItemState.Done)
            {
                item.Tally = null;
                return;
            }
            if (!_queues.TryGetValue(item.Queue, out var queue)) _queues[item.Queue] = queue = new ScheduledQueueTally(item.Queue);
            var tally = new QueueItemTally(queue, item.State, item.Due.UtcTicks, item.Recipients.Length, item.State == QueueItemState.Scheduled && item.Attempts > 0);
            Add(item.Message, tally);
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
            return new QueueCountersSnapshot(_messages, _recipients, _items, _scheduled, _ready, _inFlight, _deferred,
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

    private void Add(QueuedMessage message, QueueItemTally t)
    {
        _items++;
        _recipients += t.Recipients;
        CountState(t, +1);
        var q = t.Queue;
        q.Items++;
        q.Recipients += t.Recipients;
        var id = message.Id.Value;
        q.Messages[id] = q.Messages.GetValueOrDefault(id) + 1;
        ScheduledQueueTally.Increment(q.Received, message.Envelope.ReceivedAt.UtcTicks);
        if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Increment(q.ScheduledDue, t.DueTicks);
        if (message.CountedItems++ == 0)
        {
            _messages++;
            var tenant = message.Envelope.TenantId;
            _messagesByTenant[tenant] = _messagesByTenant.GetValueOrDefault(tenant) + 1;
        }
    }

    private void Remove(QueuedMessage message, QueueItemTally t)
    {
        _items--;
        _recipients -= t.Recipients;
        CountState(t, -1);
        var q = t.Queue;
        q.Items--;
        q.Recipients -= t.Recipients;
        ScheduledQueueTally.Decrement(q.Received, message.Envelope.ReceivedAt.UtcTicks);
        if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Decrement(q.ScheduledDue, t.DueTicks);
        var id = message.Id.Value;
        if (q.Messages.TryGetValue(id, out var n))
        {
            if (n <= 1) q.Messages.Remove(id);
            else q.Messages[id] = n - 1;
        }
        if (q.Items == 0 && !q.Queue.Suspended) _queues.Remove(q.Queue);
        if (--message.CountedItems == 0)
        {
            _messages--;
            var tenant = message.Envelope.TenantId;
            var left = _messagesByTenant.GetValueOrDefault(tenant) - 1;
            if (left <= 0) _messagesByTenant.Remove(tenant);
            else _messagesByTenant[tenant] = left;
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
