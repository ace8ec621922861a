using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue;

/// <summary>
/// A queued message taken out of delivery to be handed to another node (<see cref="QueueHandover"/>): its items,
/// which the scheduler and delivery no longer see, and the envelope restricted to the recipients those items still
/// carry, in RCPT order (<see cref="RecipientIndices"/> maps them back to the message's recipients).
/// </summary>
public sealed class HandoverClaim(QueuedMessage message, IReadOnlyList<QueueItem> items, IReadOnlyList<int> recipientIndices)
{
    /// <summary>The claimed message.</summary>
    public QueuedMessage Message { get; } = message;

    /// <summary>Every open item of the message, claimed (state Ready, out of the timer).</summary>
    public IReadOnlyList<QueueItem> Items { get; } = items;

    /// <summary>Indices into the message's recipients that are still pending, ascending.</summary>
    public IReadOnlyList<int> RecipientIndices { get; } = recipientIndices;

    /// <summary>The pending recipients with their RFC 3461 parameters, in <see cref="RecipientIndices"/> order.</summary>
    public IReadOnlyList<EnvelopeRecipient> Recipients => [.. RecipientIndices.Select(i => Message.Envelope.Recipients[i])];
}
