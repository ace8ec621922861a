using Appliance.Mta.Policy;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Server;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// At MAIL FROM and RCPT time (from memory, counts nothing): a declared SIZE over the tenant's maximum gets 552 5.3.4
/// at MAIL FROM (RFC 1870 §6); a recipient beyond the tenant's recipients per message gets 452 4.5.3 (RFC 5321
/// §4.5.3.1.10); a tenant whose hour, day or sending domain's day quota is full gets 452 4.7.0 per recipient, so the
/// client keeps the message and never sends DATA; a full month gets 550 5.7.0. Inbound mail and unauthenticated
/// clients (no tenant) are not limited.
/// </summary>
public sealed class TenantRateLimitRecipientPolicy(ITenantQuotaCounters quotas, TimeProvider time) : IRecipientPolicy, IMailFromPolicy
{
    public RecipientDecision Evaluate(in RecipientCheck check)
    {
        if (!check.Authenticated || string.IsNullOrEmpty(check.TenantId)) return RecipientDecision.Continue;
        var limits = quotas.LimitsOf(check.TenantId);
        var now = time.GetUtcNow();
        if (limits.MaxRecipients is { } max && check.PriorRecipients >= max)
            return Refuse(new TenantRateDecision(false, TenantLimitWindow.Recipients, max, TimeSpan.Zero, check.TenantId, null, now));
        if (limits.MaxMessageSize is { } size && check.DeclaredSize > size)
            return Refuse(new TenantRateDecision(false, TenantLimitWindow.Size, size, TimeSpan.Zero, check.TenantId, null, now));
        // Once per transaction: a recipient after the first adds no message.
        if (check.PriorRecipients > 0) return RecipientDecision.Continue;
        var decision = quotas.Check(check.TenantId, 1, TenantQuotaDomains.Of(check.MailFrom));
        return decision.Allowed ? RecipientDecision.Continue : Refuse(decision);
    }

    public SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress) => null;

    public SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress, string? tenantId, long? declaredSize)
    {
        if (string.IsNullOrEmpty(tenantId) || declaredSize is not { } declared) return null;
        return quotas.LimitsOf(tenantId).MaxMessageSize is { } max && declared > max
            ? new TenantRateDecision(false, TenantLimitWindow.Size, max, TimeSpan.Zero, tenantId, null, time.GetUtcNow()).ToSmtpReply()
            : null;
    }

    private static RecipientDecision Refuse(TenantRateDecision decision) =>
        RecipientDecision.Reject(decision.ToSmtpReply(), "tenant quota: " + decision.Describe());
}
