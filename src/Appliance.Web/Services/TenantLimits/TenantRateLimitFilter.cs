using Appliance.Mta.Reception;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Reception step 950 (after DKIM signing at 900, the last step before the spool): counts the message against
/// its tenant's windows, or ends the transaction with 451 4.7.1 when they are full. SMTP and HTTP injection both
/// pass here, so the count is exact even when parallel sessions got past the RCPT-time look. A message the spool
/// then refuses (disk full) stays counted: the error is on the safe side.
/// </summary>
public sealed class TenantRateLimitFilter(TenantRateLimiter limiter) : IReceptionFilter
{
    public const int FilterOrder = 950;

    public int Order => FilterOrder;

    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = message.Envelope;
        if (envelope.Inbound || string.IsNullOrEmpty(envelope.TenantId)) return ValueTask.FromResult(ReceptionVerdict.Continue);
        var decision = limiter.TryAcquire(envelope.TenantId);
        return ValueTask.FromResult(decision.Allowed ? ReceptionVerdict.Continue : ReceptionVerdict.Stop(decision.ToSmtpReply()));
    }
}
