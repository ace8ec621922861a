namespace Appliance.Mta.Admin;

/// <summary>The column a scheduled queue list is sorted by.</summary>
public enum ScheduledQueueSort
{
    /// <summary>The queue name (campaign, tenant and domain); also the tie breaker for every other sort.</summary>
    Name,
    /// <summary>The tenant id (ordinal).</summary>
    Tenant,
    /// <summary>The destination domain (case-insensitive).</summary>
    Domain,
    /// <summary>The number of messages queued.</summary>
    Messages,
    /// <summary>The number of undelivered recipients.</summary>
    Recipients,
    /// <summary>The reception time of the oldest message; queues with no messages sort first.</summary>
    Oldest,
    /// <summary>The earliest due time of an item; queues with nothing scheduled sort first.</summary>
    NextAttempt,
}
