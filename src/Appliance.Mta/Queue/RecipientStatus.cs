namespace Appliance.Mta.Queue;

/// <summary>A recipient's status after one attempt, as the peer's reply says it (the queue's bounce rules may still
/// fail a deferred recipient whose reply they declare hard).</summary>
public enum RecipientStatus
{
    Delivered,
    Deferred,
    Failed,
}
