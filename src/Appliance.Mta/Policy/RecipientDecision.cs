using Appliance.Mta.Smtp;

namespace Appliance.Mta.Policy;

/// <summary>A recipient policy's answer. <see cref="Reply"/> is set for <see cref="RecipientDecisionKind.Reject"/>.</summary>
public sealed record RecipientDecision(RecipientDecisionKind Kind, SmtpReply? Reply = null, string? Reason = null)
{
    public static readonly RecipientDecision Continue = new(RecipientDecisionKind.Continue);

    public static readonly RecipientDecision Inbound = new(RecipientDecisionKind.AcceptInbound);

    public static RecipientDecision Reject(SmtpReply reply, string reason) => new(RecipientDecisionKind.Reject, reply, reason);
}
