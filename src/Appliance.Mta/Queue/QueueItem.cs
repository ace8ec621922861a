namespace Appliance.Mta.Queue;

/// <summary>
/// The unit of delivery: one message's pending recipients at one destination domain. It lives in a
/// <see cref="ScheduledQueue"/> (tenant, campaign, domain) and, when due, passes through a
/// ready queue of delivery (egress source, site).
/// </summary>
public sealed class QueueItem(QueuedMessage message, string domain, int[] recipients, ScheduledQueue queue)
{
    /// <summary>The message whose recipients this item carries.</summary>
    public QueuedMessage Message { get; } = message;
    /// <summary>The destination domain (lower-case) every recipient of the item shares.</summary>
    public string Domain { get; } = domain;
    /// <summary>Indices into the envelope's recipients still pending for this domain.</summary>
    public int[] Recipients { get; set; } = recipients;
    /// <summary>The scheduled queue (tenant, campaign, domain) the item belongs to.</summary>
    public ScheduledQueue Queue { get; } = queue;
    /// <summary>When the item is next due for an attempt (UTC).</summary>
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

    /// <summary>Attempts made for this item so far (0 before the first).</summary>
    public int Attempts { get; set; }
    /// <summary>The last reply received for the item ("451 4.7.1 try later"), null before the first attempt.</summary>
    public string? LastResponse { get; set; }
    /// <summary>
    /// The site key (rolled-up MX set) of the ready queue the item last went to; null until resolved.
    /// </summary>
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
