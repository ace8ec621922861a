using Appliance.Mta.Events;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>
/// Reads the Reception events of the token's message (one per envelope recipient, in envelope order) from the
/// event log, within the hour the spool id was made: the n-th is recipient n. Then the recipient's Delivery event,
/// within <see cref="DeliveryWindow"/> of reception, names the egress source and site a complaint or late bounce is
/// about. Works as long as the events are retained (30 days by default), long after the message left the queue.
/// </summary>
public sealed class EventLogOriginalMessageLookup(EventLog log) : IOriginalMessageLookup
{
    /// <summary>How long after reception a delivery is looked for: longer than any queue lifetime.</summary>
    public static readonly TimeSpan DeliveryWindow = TimeSpan.FromDays(8);

    /// <inheritdoc/>
    public async Task<OriginalRecipient?> FindAsync(VerpToken token, CancellationToken cancellationToken)
    {
        var at = token.MessageId.Timestamp;
        var id = token.MessageId.ToString();
        var events = await log.SearchAsync(new EventQuery
        {
            MessageId = id,
            Types = new HashSet<MtaEventType> { MtaEventType.Reception },
            From = at.AddMinutes(-5),
            To = at.AddHours(2),
            Limit = 5000,
        }, cancellationToken).ConfigureAwait(false);
        // SearchAsync answers newest first; reversed, equal timestamps keep their write (envelope) order.
        var ordered = events.Reverse().ToList();
        if (token.RecipientIndex >= ordered.Count) return null;
        var e = ordered[token.RecipientIndex];
        if (e.Recipient is null || e.Tenant is null) return null;
        var delivered = await log.SearchAsync(new EventQuery
        {
            MessageId = id,
            Recipient = e.Recipient,
            Types = new HashSet<MtaEventType> { MtaEventType.Delivery },
            From = at.AddMinutes(-5),
            To = at + DeliveryWindow,
            Limit = 1,
        }, cancellationToken).ConfigureAwait(false);
        var d = delivered.FirstOrDefault();
        return new OriginalRecipient(id, e.Tenant, e.Sender ?? "", e.Recipient, e.MessageIdHeader, d?.EgressSource, d?.EgressIp, d?.Site);
    }
}
