namespace Appliance.Mta.Queue;

/// <summary>
/// The unit of delivery: one message's pending recipients at one destination domain. It lives in a
/// <see cref="ScheduledQueue"/> (tenant, campaign, domain) and, when due, passes through a
/// ready queue of delivery (egress source, site).
/// </summary>
public sealed class QueueItem(QueuedMessage message, string domain, int[] recipients, ScheduledQueue queue)
{
    public QueuedMessage Message { get; } = message;
    public string Domain { get; } = domain;
    /// <summary>Indices into the envelope's recipients still pending for this domain.</summary>
    public int[] Recipients { get; set; } = recipients;
    public ScheduledQueue Queue { get; } = queue;
    public DateTimeOffset Due { get; set; }

    /// <summary>Every change is a transition the admin read model counts (<see cref="QueueCounters.OnItemChanged"/>).</summary>
    public QueueItemState State
    {
        get => _state;
        set
        {
            _state = value;
            Counters?.OnItemChanged(this);
        }
    }

    public int Attempts { get; set; }
    public string? LastResponse { get; set; }
    public string? Site { get; set; }

    /// <summary>The first retry interval of the site this item last went to (traffic shaping); null = engine default.</summary>
    public TimeSpan? RetryInterval { get; set; }
    /// <summary>Set by admin bounce/delete while the item sits in a ready queue; the sender applies it instead of sending.</summary>
    public CancelAction Cancel { get; set; }

    /// <summary>The admin's reason for a bounce.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Due time in Unix ms as entered in the timer; stale timer entries are recognised by it.</summary>
    public long TimerKey { get; set; }

    /// <summary>The queue's read model, told of every state change; null for an item no queue counts.</summary>
    public QueueCounters? Counters { get; init; }

    /// <summary>What <see cref="Counters"/> counted for this item last (owned by the counters).</summary>
    internal QueueItemTally? Tally { get; set; }

    private QueueItemState _state;
}
