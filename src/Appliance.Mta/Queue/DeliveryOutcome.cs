namespace Appliance.Mta.Queue;

/// <summary>
/// What became of one item that delivery took from the scheduler: <see cref="AttemptOutcome"/> (per recipient:
/// delivered, deferred or failed), <see cref="CancelledOutcome"/> (an admin bounced or deleted it while it waited)
/// or <see cref="PostponedOutcome"/> (traffic shaping held it back without an attempt).
/// </summary>
public abstract record DeliveryOutcome(QueueItem Item);
