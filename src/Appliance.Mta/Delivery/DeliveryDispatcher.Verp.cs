using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Delivery;

public sealed partial class DeliveryDispatcher
{
    /// <summary>
    /// Sends the item over <paramref name="connection"/> as one or more transactions (<see cref="Transactions"/>),
    /// one after the other; replies come back in the item's recipient order either way. <paramref name="carry"/> (the
    /// next item's first transaction) goes behind the last transaction's dot (RFC 2920 §3.1) when the connection can.
    /// </summary>
    private static async Task<TransactionResult> SendTransactionsAsync(SmtpClientConnection connection, IReadOnlyList<OutboundMessage> transactions,
        OutboundMessage? carry, CancellationToken ct)
    {
        if (transactions.Count == 1) return await connection.SendAsync(transactions[0], carry, ct).ConfigureAwait(false);
        var replies = new List<SmtpReply>();
        TransactionResult? last = null;
        foreach (var transaction in transactions)
        {
            if (!connection.IsUsable)
            {
                foreach (var _ in transaction.Recipients) replies.Add(new SmtpReply(451, "4.4.2", "Connection lost before this recipient's transaction"));
                continue;
            }
            last = await connection.SendAsync(transaction, ReferenceEquals(transaction, transactions[^1]) ? carry : null, ct).ConfigureAwait(false);
            for (var k = 0; k < transaction.Recipients.Count; k++)
                replies.Add(k < last.PerRecipient.Count ? last.PerRecipient[k] : last.MailReply ?? new SmtpReply(451, "4.4.2", "No reply"));
        }
        return new TransactionResult(replies, last?.MailReply, last?.DataReply, last?.LinkBroken ?? false);
    }

    /// <summary>
    /// How the item goes on the wire. With a VERP return-path domain for the tenant: one transaction per recipient with
    /// that recipient's VERP address as MAIL FROM (RFC 5321 §4.1.1.2 reverse-path), so a late bounce names its
    /// recipient. Otherwise one transaction per <paramref name="maxRecipients"/> recipients (the site's
    /// recipients-per-transaction limit), in order.
    /// </summary>
    private List<OutboundMessage> Transactions(QueueItem item, OutboundMessage message, int? maxRecipients)
    {
        var env = item.Message.Envelope;
        if (_verp is not null && _verp.Applies(env) && item.Recipients.Length > 0)
        {
            var perRecipient = new List<OutboundMessage>(item.Recipients.Length);
            foreach (var index in item.Recipients)
                perRecipient.Add(message with { MailFrom = _verp.For(env, item.Message.Id, index), Recipients = [env.Recipients[index]] });
            return perRecipient;
        }
        var max = maxRecipients ?? int.MaxValue;
        if (message.Recipients.Count <= max) return [message];
        var chunks = new List<OutboundMessage>();
        for (var start = 0; start < message.Recipients.Count; start += max)
            chunks.Add(message with { Recipients = message.Recipients.Skip(start).Take(max).ToList() });
        return chunks;
    }
}
