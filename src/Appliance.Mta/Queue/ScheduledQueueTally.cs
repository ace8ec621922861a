using Appliance.Mta.Admin;

namespace Appliance.Mta.Queue;

/// <summary>
/// The live counts of one scheduled queue (tenant, campaign, domain), kept by <see cref="QueueCounters"/>: items,
/// recipients, distinct messages, and ordered multisets of receipt times (oldest) and due times of scheduled items
/// (next attempt), both at one-second precision. Mutated only under the counters' lock.
/// </summary>
/// <remarks>
/// Sized for a large backlog (architecture.md, "Memory per queued message"): the time multisets are keyed by the
/// whole second, so a backlog holds one entry per second of arrival or due time, not one per item; distinct messages
/// are counted without a per-message entry unless a message has several items in the queue (<see cref="QueueItem.Chunked"/>).
/// </remarks>
internal sealed class ScheduledQueueTally(ScheduledQueue queue)
{
    /// <summary>The queue object whose Suspended flag and last response the rows show.</summary>
    public ScheduledQueue Queue { get; } = queue;

    public int Items { get; set; }

    public int Recipients { get; set; }

    /// <summary>Distinct messages with at least one item in the queue.</summary>
    public int Messages { get; set; }

    /// <summary>
    /// Message id → items of that message in this queue, for chunked items only (a message with one item in the
    /// queue, the usual case, needs no entry); created on first use.
    /// </summary>
    public Dictionary<long, int>? ChunkedMessages { get; set; }

    /// <summary>Receipt times (Unix seconds) of the queue's items, with multiplicity.</summary>
    public SortedDictionary<long, int> Received { get; } = [];

    /// <summary>Due times (Unix seconds) of the queue's scheduled items, with multiplicity.</summary>
    public SortedDictionary<long, int> ScheduledDue { get; } = [];

    public ScheduledQueueInfo ToInfo()
    {
        var q = Queue;
        DateTimeOffset? oldest = Received.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(Received.First().Key);
        DateTimeOffset? next = ScheduledDue.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(ScheduledDue.First().Key);
        return new ScheduledQueueInfo(q.Name, q.Tenant, q.Campaign, q.Domain, Messages, Recipients, oldest, next, q.Suspended, q.LastResponse);
    }

    /// <summary>The whole second (Unix time, floored) the read model shows for <paramref name="time"/>.</summary>
    public static long SecondOf(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static void Increment(IDictionary<long, int> multiset, long key)
    {
        multiset[key] = multiset.TryGetValue(key, out var n) ? n + 1 : 1;
    }

    public static void Decrement(IDictionary<long, int> multiset, long key)
    {
        if (!multiset.TryGetValue(key, out var n)) return;
        if (n <= 1) multiset.Remove(key);
        else multiset[key] = n - 1;
    }
}
