using Appliance.Mta.Policy;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// At RCPT time (from memory, counts nothing): a tenant whose hourly or daily limit is full gets a transient
/// 451 4.7.1 per recipient, so the client never sends DATA and keeps the message. Inbound mail and unauthenticated
/// clients (no tenant) are not limited.
/// </summary>
public sealed class TenantRateLimitRecipientPolicy(TenantRateLimiter limiter) : IRecipientPolicy
{
    public RecipientDecision Evaluate(in RecipientCheck check)
    {
        if (!check.Authenticated || string.IsNullOrEmpty(check.TenantId)) return RecipientDecision.Continue;
        var decision = limiter.Check(check.TenantId);
        return decision.Allowed ? RecipientDecision.Continue : RecipientDecision.Reject(decision.ToSmtpReply(), "tenant rate limit: " + decision.Describe());
    }
}
