using Appliance.Mta.Reception;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Reception step 950 (after DKIM signing at 900, the last step before the spool): refuses a message over the
/// tenant's size (552 5.3.4 at the end of DATA, RFC 1870 §6) or recipients per message (452 4.5.3), then counts it
/// against its tenant's quotas, or ends the transaction with the quota's reply (452 4.7.0, month 550 5.7.0) when one is
/// full. SMTP and HTTP injection both pass here, so the count is exact even when parallel sessions got past the
/// RCPT-time look. Crossing 80 % or 100 % of a quota raises a warning (<see cref="TenantQuotaAlerts"/>). A message the
/// spool then refuses (disk full) stays counted: the error is on the safe side. Mail the appliance writes itself
/// (<see cref="Mta.Messages.MessageEnvelope.SystemGenerated"/>) is not counted.
/// </summary>
public sealed class TenantRateLimitFilter(ITenantQuotaCounters quotas, TenantQuotaAlerts alerts, TimeProvider time) : IReceptionFilter
{
    public const int FilterOrder = 950;

    public int Order => FilterOrder;

    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = message.Envelope;
        // The appliance's own mail (invitations, digests, quota warnings) never counts: a warning about a full quota must still go out.
        // A message handed over by a draining node was counted where it was first accepted (issue 19).
        if (envelope.Inbound || envelope.SystemGenerated || envelope.HandedOver || string.IsNullOrEmpty(envelope.TenantId)) return ValueTask.FromResult(ReceptionVerdict.Continue);
        var limits = quotas.LimitsOf(envelope.TenantId);
        if (limits.MaxMessageSize is { } size && message.Length > size)
            return Stop(new TenantRateDecision(false, TenantLimitWindow.Size, size, TimeSpan.Zero, envelope.TenantId, null, time.GetUtcNow()));
        if (limits.MaxRecipients is { } max && envelope.Recipients.Count > max)
            return Stop(new TenantRateDecision(false, TenantLimitWindow.Recipients, max, TimeSpan.Zero, envelope.TenantId, null, time.GetUtcNow()));
        var decision = quotas.TryAcquire(envelope.TenantId, 1, TenantQuotaDomains.Of(envelope.MailFrom), out var warnings);
        if (warnings.Count > 0) alerts.Raise(warnings);
        return decision.Allowed ? ValueTask.FromResult(ReceptionVerdict.Continue) : Stop(decision);
    }

    private static ValueTask<ReceptionVerdict> Stop(TenantRateDecision decision) => ValueTask.FromResult(ReceptionVerdict.Stop(decision.ToSmtpReply()));
}
