using Appliance.Mta.Admin;

namespace Appliance.Mta.Queue;

/// <summary>
/// The live counts of one scheduled queue (tenant, campaign, domain), kept by <see cref="QueueCounters"/>: items,
/// recipients, distinct messages, and ordered multisets of receipt times (oldest) and due times of scheduled items
/// (next attempt). Mutated only under the counters' lock.
/// </summary>
internal sealed class ScheduledQueueTally(ScheduledQueue queue)
{
    /// <summary>The queue object whose Suspended flag and last response the rows show.</summary>
    public ScheduledQueue Queue { get; } = queue;

    public int Items { get; set; }

    public int Recipients { get; set; }

    /// <summary>Message id → items of that message in this queue (a message can have several when its recipients are chunked).</summary>
    public Dictionary<long, int> Messages { get; } = [];

    public SortedDictionary<long, int> Received { get; } = [];

    public SortedDictionary<long, int> ScheduledDue { get; } = [];

    public ScheduledQueueInfo ToInfo()
    {
        var q = Queue;
        DateTimeOffset? oldest = Received.Count == 0 ? null : new DateTimeOffset(Received.First().Key, TimeSpan.Zero);
        DateTimeOffset? next = ScheduledDue.Count == 0 ? null : new DateTimeOffset(ScheduledDue.First().Key, TimeSpan.Zero);
        return new ScheduledQueueInfo(q.Name, q.Tenant, q.Campaign, q.Domain, Messages.Count, Recipients, oldest, next, q.Suspended, q.LastResponse);
    }

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
