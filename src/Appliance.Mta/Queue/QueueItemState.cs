namespace Appliance.Mta.Queue;

/// <summary>Where a <see cref="QueueItem"/> is in its life.</summary>
public enum QueueItemState : byte
{
    /// <summary>Waiting in its scheduled queue for its due time.</summary>
    Scheduled,
    /// <summary>Being resolved to a site or waiting in a ready queue.</summary>
    Ready,
    /// <summary>A connection is sending it.</summary>
    InFlight,
    /// <summary>Finished or removed by an admin.</summary>
    Done,
}
