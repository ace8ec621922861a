using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Delivery;

public sealed partial class DeliveryDispatcher
{
    /// <summary>
    /// Sends the item as one transaction, or, when the tenant has a VERP return-path domain, as one transaction per
    /// recipient with that recipient's VERP address as MAIL FROM (RFC 5321 §4.1.1.2 reverse-path), so a late bounce
    /// names its recipient. Replies come back in the item's recipient order either way.
    /// </summary>
    private async Task<TransactionResult> SendTransactionsAsync(SmtpClientConnection connection, QueueItem item, OutboundMessage message, int? maxRecipients)
    {
        var env = item.Message.Envelope;
        if (_verp is null || !_verp.Applies(env) || item.Recipients.Length == 0)
            return await SendChunkedAsync(connection, message, maxRecipients ?? int.MaxValue).ConfigureAwait(false);
        var replies = new List<SmtpReply>(item.Recipients.Length);
        TransactionResult? last = null;
        for (var k = 0; k < item.Recipients.Length; k++)
        {
            if (!connection.IsUsable)
            {
                replies.Add(new SmtpReply(451, "4.4.2", "Connection lost before this recipient's transaction"));
                continue;
            }
            var index = item.Recipients[k];
            var one = message with { MailFrom = _verp.For(env, item.Message.Id, index), Recipients = [env.Recipients[index]] };
            last = await connection.SendAsync(one, CancellationToken.None).ConfigureAwait(false);
            replies.Add(last.PerRecipient.Count > 0 ? last.PerRecipient[0] : last.MailReply ?? new SmtpReply(451, "4.4.2", "No reply"));
        }
        return new TransactionResult(replies, last?.MailReply, last?.DataReply, last?.LinkBroken ?? false);
    }

    /// <summary>
    /// One transaction per <paramref name="max"/> recipients (the site's recipients-per-transaction limit), in order, over
    /// the same connection; replies come back in the item's recipient order.
    /// </summary>
    private static async Task<TransactionResult> SendChunkedAsync(SmtpClientConnection connection, OutboundMessage message, int max)
    {
        if (message.Recipients.Count <= max) return await connection.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        var replies = new List<SmtpReply>(message.Recipients.Count);
        TransactionResult? last = null;
        for (var start = 0; start < message.Recipients.Count; start += max)
        {
            var chunk = message.Recipients.Skip(start).Take(max).ToList();
            if (!connection.IsUsable)
            {
                foreach (var _ in chunk) replies.Add(new SmtpReply(451, "4.4.2", "Connection lost before this recipient's transaction"));
                continue;
            }
            last = await connection.SendAsync(message with { Recipients = chunk }, CancellationToken.None).ConfigureAwait(false);
            for (var k = 0; k < chunk.Count; k++)
                replies.Add(k < last.PerRecipient.Count ? last.PerRecipient[k] : last.MailReply ?? new SmtpReply(451, "4.4.2", "No reply"));
        }
        return new TransactionResult(replies, last?.MailReply, last?.DataReply, last?.LinkBroken ?? false);
    }
}
