namespace Appliance.Mta.Queue;

/// <summary>
/// The one way back from delivery to the queue. Delivery takes due items from <see cref="QueueScheduler.Due"/>,
/// tries them and reports here what happened to each; the queue alone decides what follows (retry with backoff,
/// expiry at max_age, DSN, events, progress records). Delivery never calls the queue otherwise.
/// </summary>
public interface IDeliveryOutcomes
{
    /// <summary>Applies <paramref name="outcome"/> to its item. Exactly one outcome per item taken from the channel.</summary>
    void Report(DeliveryOutcome outcome);
}
