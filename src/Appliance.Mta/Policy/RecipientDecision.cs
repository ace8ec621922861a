using Appliance.Mta.Smtp;

namespace Appliance.Mta.Policy;

/// <summary>A recipient policy's answer. <see cref="Reply"/> is set for <see cref="RecipientDecisionKind.Reject"/>.</summary>
public sealed record RecipientDecision(RecipientDecisionKind Kind, SmtpReply? Reply = null, string? Reason = null)
{
    /// <summary>No opinion: the next policy, then the relay rule, decides.</summary>
    public static readonly RecipientDecision Continue = new(RecipientDecisionKind.Continue);

    /// <summary>Accept without AUTH as inbound mail for the appliance itself.</summary>
    public static readonly RecipientDecision Inbound = new(RecipientDecisionKind.AcceptInbound);

    /// <summary>Refuse the recipient with <paramref name="reply"/>; <paramref name="reason"/> goes to the Rejection event.</summary>
    public static RecipientDecision Reject(SmtpReply reply, string reason) => new(RecipientDecisionKind.Reject, reply, reason);
}
