namespace Appliance.Mta.Queue;

/// <summary>
/// What <see cref="QueueCounters"/> last counted for one item (what may change between transitions; the message, its
/// tenant and receipt time never do), so that the next transition can take exactly that contribution back. Stored in
/// the item itself (24 bytes); <see cref="Queue"/> null means the item is not counted.
/// </summary>
internal readonly record struct QueueItemTally(ScheduledQueueTally? Queue, long DueSecond, int Recipients, QueueItemState State, bool Deferred);
