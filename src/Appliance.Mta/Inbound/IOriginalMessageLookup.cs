using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>Finds the original message and recipient of a VERP token (late bounces arrive after the message left the queue).</summary>
public interface IOriginalMessageLookup
{
    /// <summary>
    /// The tenant, sender, recipient and (when delivered) egress source and site of the message and recipient <paramref
    /// name="token"/> names; null when the events are gone (past retention) or the token's recipient index is out of
    /// range.
    /// </summary>
    Task<OriginalRecipient?> FindAsync(VerpToken token, CancellationToken cancellationToken);
}
