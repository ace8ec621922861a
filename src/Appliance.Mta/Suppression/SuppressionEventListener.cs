using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Keeps the list as the engine runs: a hard Bounce whose classification says Suppress adds a tenant-scoped
/// hard-bounce entry, and an Expiration (repeated soft bounces until the message expired) adds a soft-bounce
/// entry with its shorter lifetime, but only when the last reply named the mailbox (<see cref="ExpirySuppressionPolicy"/>):
/// an outage, a DNS or TLS failure, a block of our IP or a hold of ours never suppresses a good address. Each records the source event. The write is queued (never blocks delivery).
/// OOB bounces and complaints are added durably by inbound processing itself.
/// </summary>
public sealed class SuppressionEventListener(SuppressionList list, BounceClassifier classifier) : IEventListener
{
    /// <inheritdoc/>
    public void OnEvent(MtaEvent e)
    {
        if (e.Recipient is null || e.Tenant is null) return;
        var reason = e.Type switch
        {
            MtaEventType.Bounce when e.Hard == true && classifier.Classify(e.Code, e.EnhancedCode, e.Response).Action.Suppress => SuppressionReason.HardBounce,
            MtaEventType.Expiration when ExpirySuppressionPolicy.Suppresses(e.EnhancedCode, classifier.Classify(e.Code, e.EnhancedCode, e.Response).Category)
                => SuppressionReason.SoftBounce,
            _ => (SuppressionReason?)null,
        };
        if (reason is not { } r) return;
        if (list.Find(e.Recipient, e.Tenant, e.Sender) is { } existing && existing.Reason != SuppressionReason.SoftBounce) return;
        if (list.Create(e.Recipient, SuppressionScope.Tenant, e.Tenant, r, e.Type.ToString(), e.MessageId, e.Response) is { } entry) list.Add(entry);
    }
}
