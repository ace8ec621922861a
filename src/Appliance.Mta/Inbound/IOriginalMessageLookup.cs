using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>Finds the original message and recipient of a VERP token (late bounces arrive after the message left the queue).</summary>
public interface IOriginalMessageLookup
{
    Task<OriginalRecipient?> FindAsync(VerpToken token, CancellationToken cancellationToken);
}
