using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Reception step 200: for tenants whose action is <see cref="SuppressedRecipientAction.Drop"/>, removes suppressed
/// recipients from the envelope with a Suppression event each; when none remain the message is answered 250 and
/// not queued.
/// </summary>
public sealed class SuppressionDropFilter(SuppressionList list, ITenantFeedbackSettingsSource settings, IEventSink events, TimeProvider time) : IReceptionFilter
{
    /// <summary>Runs at step 200, after inbound processing (100) and before the trace header (250).</summary>
    public int Order => 200;

    /// <summary>
    /// For Drop tenants, removes every suppressed recipient (one Suppression event each); answers 250 without queuing
    /// when none remain. Inbound mail, DSNs and Reject tenants pass unchanged.
    /// </summary>
    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        if (env.Inbound || env.IsDsn || settings.For(env.TenantId).Action != SuppressedRecipientAction.Drop) return ValueTask.FromResult(ReceptionVerdict.Continue);
        List<EnvelopeRecipient>? kept = null;
        for (var i = 0; i < env.Recipients.Count; i++)
        {
            var rcpt = env.Recipients[i];
            if (list.Find(rcpt.Address, env.TenantId, env.MailFrom) is not { } match)
            {
                kept?.Add(rcpt);
                continue;
            }
            kept ??= [.. env.Recipients.Take(i)];
            events.Write(new MtaEvent
            {
                Type = MtaEventType.Suppression, Timestamp = time.GetUtcNow(), Tenant = env.TenantId, Sender = env.MailFrom,
                Recipient = rcpt.Address, MessageIdHeader = env.MessageIdHeader, Detail = "dropped: " + match.Describe(),
            });
        }
        if (kept is null) return ValueTask.FromResult(ReceptionVerdict.Continue);
        if (kept.Count == 0) return ValueTask.FromResult(ReceptionVerdict.Stop(new SmtpReply(250, "2.0.0", "Ok: all recipients suppressed, nothing queued")));
        message.Envelope = env with { Recipients = kept };
        return ValueTask.FromResult(ReceptionVerdict.Continue);
    }
}
