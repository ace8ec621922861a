using Appliance.Mta.Events;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>
/// Reads the Reception events of the token's message (one per envelope recipient, in envelope order) from the
/// event log, within the hour the spool id was made: the n-th is recipient n. Works as long as the events are
/// retained (30 days by default), long after the message left the queue.
/// </summary>
public sealed class EventLogOriginalMessageLookup(EventLog log) : IOriginalMessageLookup
{
    public async Task<OriginalRecipient?> FindAsync(VerpToken token, CancellationToken cancellationToken)
    {
        var at = token.MessageId.Timestamp;
        var events = await log.SearchAsync(new EventQuery
        {
            MessageId = token.MessageId.ToString(),
            Types = new HashSet<MtaEventType> { MtaEventType.Reception },
            From = at.AddMinutes(-5),
            To = at.AddHours(2),
            Limit = 5000,
        }, cancellationToken).ConfigureAwait(false);
        // SearchAsync answers newest first; reversed, equal timestamps keep their write (envelope) order.
        var ordered = events.Reverse().ToList();
        if (token.RecipientIndex >= ordered.Count) return null;
        var e = ordered[token.RecipientIndex];
        return e.Recipient is null || e.Tenant is null ? null
            : new OriginalRecipient(token.MessageId.ToString(), e.Tenant, e.Sender ?? "", e.Recipient, e.MessageIdHeader);
    }
}
