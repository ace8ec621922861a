namespace Appliance.Mta.Queue;

/// <summary>
/// The unit of delivery: one message's pending recipients at one destination domain. It lives in a
/// <see cref="ScheduledQueue"/> (tenant, campaign, domain) and, when due, passes through a
/// ready queue of delivery (egress source, site).
/// </summary>
/// <remarks>
/// A backlog holds one item per queued message and domain, so the item is kept small (architecture.md, "Memory per
/// queued message"): the domain and the read model come from its scheduled queue, times are stored as ticks, states
/// as bytes, and the one-recipient index lists are shared arrays.
/// </remarks>
public sealed class QueueItem
{
    private const long NoInterval = -1;

    private long _dueTicks;
    private long _retryTicks = NoInterval;
    private QueueItemState _state;

    /// <summary>An item of <paramref name="message"/> for its <paramref name="recipients"/> (indices into the envelope) in <paramref name="queue"/>.</summary>
    public QueueItem(QueuedMessage message, int[] recipients, ScheduledQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        Message = message;
        Recipients = recipients;
        Queue = queue;
    }

    /// <summary>The message whose recipients this item carries.</summary>
    public QueuedMessage Message { get; }
    /// <summary>The destination domain (lower-case) every recipient of the item shares: its scheduled queue's.</summary>
    public string Domain => Queue.Domain;

    /// <summary>
    /// Indices into the envelope's recipients still pending for this domain. Never changed in place: a new array
    /// replaces it (one-index arrays are shared between items, see <see cref="RecipientIndices"/>).
    /// </summary>
    public int[] Recipients
    {
        get;
        set => field = RecipientIndices.Share(value);
    }

    /// <summary>The scheduled queue (tenant, campaign, domain) the item belongs to.</summary>
    public ScheduledQueue Queue { get; }

    /// <summary>When the item is next due for an attempt (UTC).</summary>
    public DateTimeOffset Due
    {
        get => new(_dueTicks, TimeSpan.Zero);
        set => _dueTicks = value.UtcTicks;
    }

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
    public TimeSpan? RetryInterval
    {
        get => _retryTicks == NoInterval ? null : new TimeSpan(_retryTicks);
        set => _retryTicks = value is { } v ? v.Ticks : NoInterval;
    }

    /// <summary>Set by admin bounce/delete while the item sits in a ready queue; the sender applies it instead of sending.</summary>
    public CancelAction Cancel { get; set; }

    /// <summary>The admin's reason for a bounce.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Due time in Unix ms as entered in the timer; stale timer entries are recognised by it.</summary>
    public long TimerKey { get; set; }

    /// <summary>The queue's read model, told of every state change: its scheduled queue's; null for an item no queue counts.</summary>
    public QueueCounters? Counters => Queue.Counters;

    /// <summary>
    /// True when the message has other items in the same scheduled queue (its recipients at this domain were split by
    /// the recipients-per-transaction limit): only then do the counters keep a per-message count to count the message once.
    /// </summary>
    internal bool Chunked { get; init; }

    /// <summary>What <see cref="Counters"/> counted for this item last (owned by the counters); default = not counted.</summary>
    internal QueueItemTally Tally { get; set; }
}
