namespace Appliance.Mta.Admin;

/// <summary>
/// Engine queue operations for the admin UI and API. Each returns the number of messages affected
/// and writes an AdminAction event.
/// </summary>
public interface IQueueAdmin
{
    /// <summary>Every scheduled and ready queue with counts per tenant, read from the live counters (no walk, no queue lock).</summary>
    QueueSummary GetSummary();

    /// <summary>The live totals (messages, items per state, per tenant): O(1) in queued items.</summary>
    QueueCountersSnapshot GetCounters()
    {
        var summary = GetSummary();
        return QueueCountersSnapshot.Empty with
        {
            Messages = summary.TotalMessages,
            Recipients = summary.Scheduled.Sum(q => q.Recipients),
            ScheduledQueues = summary.Scheduled.Count,
            SuspendedQueues = summary.Scheduled.Count(q => q.Suspended),
            MessagesByTenant = summary.MessagesByTenant,
        };
    }

    /// <summary>The ready queues (egress source × site).</summary>
    IReadOnlyList<ReadyQueueInfo> GetReadyQueues() => GetSummary().Ready;

    /// <summary>One page of scheduled queues matching <paramref name="query"/>, with the total that match.</summary>
    QueuePage<ScheduledQueueInfo> QueryScheduled(ScheduledQueueQuery query) => ScheduledQueuePager.Apply(GetSummary().Scheduled, query);

    /// <summary>How many queued items the filter selects now; changes nothing (the dry run of an operation).</summary>
    int Count(QueueFilter filter);

    /// <summary>
    /// Suspends the scheduled queues holding the items <paramref name="filter"/> selects: their items stay queued but
    /// are not handed to delivery until resumed. <paramref name="actor"/> is recorded in the AdminAction event; returns
    /// the number of messages affected.
    /// </summary>
    int Suspend(QueueFilter filter, string actor);

    /// <summary>
    /// Resumes suspended scheduled queues selected by <paramref name="filter"/> so their due items flow to delivery
    /// again; returns the number of messages affected.
    /// </summary>
    int Resume(QueueFilter filter, string actor);

    /// <summary>Makes matching deferred messages due now.</summary>
    int RetryNow(QueueFilter filter, string actor);

    /// <summary>Fails matching messages permanently (DSN to the sender as for any bounce).</summary>
    int Bounce(QueueFilter filter, string reason, string actor);

    /// <summary>Removes matching messages silently.</summary>
    int Delete(QueueFilter filter, string actor);
}
