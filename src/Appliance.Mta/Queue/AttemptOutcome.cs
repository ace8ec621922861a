using Appliance.Mta.Smtp;

namespace Appliance.Mta.Queue;

/// <summary>
/// One delivery attempt of the item: a result per recipient, in the order of <see cref="QueueItem.Recipients"/>.
/// A failure before any transaction (DNS, connection, MTA-STS, a backoff bounce) gives every recipient the same
/// result (<see cref="Uniform"/>).
/// </summary>
public sealed record AttemptOutcome(QueueItem Item, IReadOnlyList<RecipientResult> Recipients, AttemptInfo Attempt) : DeliveryOutcome(Item)
{
    /// <summary>The same reply for every recipient of the item.</summary>
    public static AttemptOutcome Uniform(QueueItem item, SmtpReply reply, AttemptInfo attempt)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = RecipientResult.Of(reply);
        var results = new RecipientResult[item.Recipients.Length];
        Array.Fill(results, result);
        return new AttemptOutcome(item, results, attempt);
    }

    /// <summary>One result per reply, in order.</summary>
    public static AttemptOutcome Of(QueueItem item, IReadOnlyList<SmtpReply> replies, AttemptInfo attempt)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var results = new RecipientResult[replies.Count];
        for (var i = 0; i < results.Length; i++) results[i] = RecipientResult.Of(replies[i]);
        return new AttemptOutcome(item, results, attempt);
    }
}
