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
            var old = item.Tally;
            if (item.State == QueueItemState.Done)
            {
                if (old.Queue is { } counted)
                {
                    Take(old);
                    Leave(item, counted);
                }
                item.Tally = default;
                return;
            }
            var queue = old.Queue;
            if (queue is null)
            {
                if (!_queues.TryGetValue(item.Queue, out queue)) _queues[item.Queue] = queue = new ScheduledQueueTally(item.Queue);
                Enter(item, queue);
            }
            else
            {
                // The item stays in its queue: only what may have changed (state, due time, recipients) is taken back.
                Take(old);
            }
            var tally = new QueueItemTally(queue, ScheduledQueueTally.SecondOf(item.Due), item.Recipients.Length, item.State,
                item.State == QueueItemState.Scheduled && item.Attempts > 0);
            Put(tally);
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

    /// <summary>The item starts being counted: its message and receipt time join its queue's counts.</summary>
    private void Enter(QueueItem item, ScheduledQueueTally q)
    {
        var message = item.Message;
        ScheduledQueueTally.Increment(q.Received, ScheduledQueueTally.SecondOf(message.ReceivedAt));
        if (!item.Chunked) q.Messages++;
        else
        {
            var chunked = q.ChunkedMessages ??= [];
            var id = message.Id.Value;
            var n = chunked.GetValueOrDefault(id);
            if (n == 0) q.Messages++;
            chunked[id] = n + 1;
        }
        if (message.CountedItems++ == 0)
        {
            _messages++;
            var tenant = item.Queue.Tenant; // the envelope's tenant, without rebuilding a parked envelope
            _messagesByTenant[tenant] = _messagesByTenant.GetValueOrDefault(tenant) + 1;
        }
    }

    /// <summary>The item is finished: what <see cref="Enter"/> counted is taken back (after <see cref="Take"/>).</summary>
    private void Leave(QueueItem item, ScheduledQueueTally q)
    {
        var message = item.Message;
        ScheduledQueueTally.Decrement(q.Received, ScheduledQueueTally.SecondOf(message.ReceivedAt));
        if (!item.Chunked) q.Messages--;
        else if (q.ChunkedMessages is { } chunked && chunked.TryGetValue(message.Id.Value, out var n))
        {
            if (n > 1) chunked[message.Id.Value] = n - 1;
            else
            {
                chunked.Remove(message.Id.Value);
                q.Messages--;
            }
        }
        if (q.Items == 0 && !q.Queue.Suspended) _queues.Remove(q.Queue);
        if (--message.CountedItems == 0)
        {
            _messages--;
            var tenant = item.Queue.Tenant; // the envelope's tenant, without rebuilding a parked envelope
            var left = _messagesByTenant.GetValueOrDefault(tenant) - 1;
            if (left <= 0) _messagesByTenant.Remove(tenant);
            else _messagesByTenant[tenant] = left;
        }
    }

    /// <summary>Counts what may change between transitions: state, due time and recipients.</summary>
    private void Put(QueueItemTally t)
    {
        _items++;
        _recipients += t.Recipients;
        CountState(t, +1);
        var q = t.Queue!;
        q.Items++;
        q.Recipients += t.Recipients;
        if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Increment(q.ScheduledDue, t.DueSecond);
    }

    /// <summary>Takes back what <see cref="Put"/> counted.</summary>
    private void Take(QueueItemTally t)
    {
        _items--;
        _recipients -= t.Recipients;
        CountState(t, -1);
        var q = t.Queue!;
        q.Items--;
        q.Recipients -= t.Recipients;
        if (t.State == QueueItemState.Scheduled) ScheduledQueueTally.Decrement(q.ScheduledDue, t.DueSecond);
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
