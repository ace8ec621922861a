using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Records an unsubscribe from a signed token (the HTTPS one-click endpoint or the mailto target): a tenant-scoped
/// unsubscribe suppression, written durably, and an Unsubscribe event. A token that does not verify records nothing.
/// </summary>
public sealed class UnsubscribeRecorder(UnsubscribeTokenCodec tokens, SuppressionList list, IEventSink events, TimeProvider time)
{
    /// <summary>The token's tenant and recipient when recorded; null when the token is forged or malformed.</summary>
    public async Task<UnsubscribeToken?> RecordAsync(string? token, string via, CancellationToken cancellationToken)
    {
        if (tokens.TryDecode(token) is not { } t) return null;
        if (list.Create(t.Recipient, SuppressionScope.Tenant, t.TenantId, SuppressionReason.Unsubscribe, nameof(MtaEventType.Unsubscribe), null, via) is not { } entry) return null;
        await list.AddDurablyAsync([entry], cancellationToken).ConfigureAwait(false);
        events.Write(new MtaEvent { Type = MtaEventType.Unsubscribe, Timestamp = time.GetUtcNow(), Tenant = t.TenantId, Recipient = t.Recipient, Detail = "via " + via });
        return t;
    }
}
