namespace Appliance.Mta.Queue;

/// <summary>
/// What <see cref="QueueCounters"/> last counted for one item (what may change between transitions; the message, its
/// tenant and receipt time never do), so that the next transition can take exactly that contribution back.
/// </summary>
internal readonly record struct QueueItemTally(ScheduledQueueTally Queue, QueueItemState State, long DueTicks, int Recipients, bool Deferred);
