namespace Appliance.Mta.Queue;

/// <summary>
/// Delivery found <see cref="QueueItem.Cancel"/> set (an admin bounce or delete while the item was on its way) and
/// did not send it: the queue bounces it with a DSN or finishes it silently.
/// </summary>
public sealed record CancelledOutcome(QueueItem Item) : DeliveryOutcome(Item);
