namespace Appliance.Mta.Queue;

/// <summary>
/// What <see cref="QueueCounters"/> last counted for one item, so that the next transition can take exactly that
/// contribution back before adding the new one.
/// </summary>
internal readonly record struct QueueItemTally(
    string QueueKey, long MessageId, string Tenant, long ReceivedTicks, QueueItemState State, long DueTicks, int Recipients, bool Deferred);
