using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The MAIL FROM the delivery path uses per recipient: the VERP address at the sender domain's verified return-path
/// domain (<see cref="IDomainReturnPathSource"/>), else at the tenant's return-path domain; otherwise the envelope's
/// own. The null sender (RFC 5321 §4.5.5) and DSNs are never rewritten.
/// </summary>
public sealed class VerpReturnPath(VerpCodec codec, ITenantFeedbackSettingsSource settings, IDomainReturnPathSource? domains = null)
{
    /// <summary>True when the message's recipients each get their own VERP return path.</summary>
    public bool Applies(MessageEnvelope envelope) => DomainFor(envelope) is not null;

    /// <summary>
    /// The MAIL FROM for recipient <paramref name="recipientIndex"/> of message <paramref name="messageId"/>: its VERP
    /// address when a return-path domain applies (<see cref="DomainFor"/>), else the envelope's own reverse-path.
    /// </summary>
    public string For(MessageEnvelope envelope, SpoolId messageId, int recipientIndex) =>
        DomainFor(envelope) is { } domain ? codec.Encode(new VerpToken(messageId, recipientIndex), domain) : envelope.MailFrom;

    /// <summary>The return-path domain for this envelope, or null when it keeps its own MAIL FROM.</summary>
    public string? DomainFor(MessageEnvelope envelope)
    {
        if (envelope.MailFrom.Length == 0 || envelope.IsDsn || envelope.Inbound) return null;
        if (domains is not null && AddressNormalizer.DomainOf(envelope.MailFrom) is { } senderDomain
            && domains.ReturnPathFor(envelope.TenantId, senderDomain) is { } perDomain)
            return perDomain;
        return settings.For(envelope.TenantId).ReturnPathDomain;
    }
}
