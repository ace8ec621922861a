namespace Appliance.Mta.Queue;

/// <summary>
/// Traffic shaping held the item back without an attempt (a suspend backoff on its destination, or every source of
/// its pool at its warmup cap): it goes back to its scheduled queue until <see cref="Until"/>, no attempt counted,
/// and still expires at max_age (RFC 5321 §4.5.4.1).
/// </summary>
public sealed record PostponedOutcome(QueueItem Item, DateTimeOffset Until, string Reason) : DeliveryOutcome(Item);
