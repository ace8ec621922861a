namespace Appliance.Mta.Queue;

/// <summary>A recipient's status after one attempt, as the peer's reply says it (the queue's bounce rules may still
/// fail a deferred recipient whose reply they declare hard).</summary>
public enum RecipientStatus
{
    /// <summary>The receiving server accepted the recipient (2xx).</summary>
    Delivered,
    /// <summary>A transient failure (4xx, or no connection): retried with backoff until the message expires.</summary>
    Deferred,
    /// <summary>A permanent failure (5xx): finished now, with a DSN when the sender asked for one.</summary>
    Failed,
}
