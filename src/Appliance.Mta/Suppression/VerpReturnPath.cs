using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The MAIL FROM the delivery path uses per recipient: the VERP address when the tenant has a return-path domain;
/// otherwise the envelope's own. The null sender (RFC 5321 §4.5.5) and DSNs are never rewritten.
/// </summary>
public sealed class VerpReturnPath(VerpCodec codec, ITenantFeedbackSettingsSource settings)
{
    /// <summary>True when the message's recipients each get their own VERP return path.</summary>
    public bool Applies(MessageEnvelope envelope) =>
        envelope.MailFrom.Length > 0 && !envelope.IsDsn && !envelope.Inbound && settings.For(envelope.TenantId).ReturnPathDomain is not null;

    public string For(MessageEnvelope envelope, SpoolId messageId, int recipientIndex) =>
        Applies(envelope) && settings.For(envelope.TenantId).ReturnPathDomain is { } domain
            ? codec.Encode(new VerpToken(messageId, recipientIndex), domain)
            : envelope.MailFrom;
}
