using Appliance.Mta.Policy;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Suppression;

/// <summary>
/// At RCPT time (and for each recipient of an HTTP injection): refuses a suppressed recipient with 550 5.7.1 and
/// the reason when the tenant's action is <see cref="SuppressedRecipientAction.Reject"/>. With
/// <see cref="SuppressedRecipientAction.Drop"/> it lets the recipient through for <see cref="SuppressionDropFilter"/>.
/// </summary>
public sealed class SuppressionRecipientPolicy(SuppressionList list, ITenantFeedbackSettingsSource settings) : IRecipientPolicy
{
    /// <summary>
    /// For an authenticated sender of a Reject tenant, refuses a suppressed recipient with 550 5.7.1 naming the reason
    /// (RFC 3463 §3.8); otherwise Continue.
    /// </summary>
    public RecipientDecision Evaluate(in RecipientCheck check)
    {
        if (check.TenantId is not { } tenant || !check.Authenticated) return RecipientDecision.Continue;
        if (list.Find(check.Recipient, tenant, check.MailFrom) is not { } match) return RecipientDecision.Continue;
        if (settings.For(tenant).Action != SuppressedRecipientAction.Reject) return RecipientDecision.Continue;
        // RFC 3463 §3.8: X.7.1 "delivery not authorized, message refused".
        var reply = new SmtpReply(550, "5.7.1", $"Recipient is on the suppression list: {match.Describe()}");
        return RecipientDecision.Reject(reply, "suppressed: " + match.Describe());
    }
}
