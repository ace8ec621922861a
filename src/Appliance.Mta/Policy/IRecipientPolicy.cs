namespace Appliance.Mta.Policy;

/// <summary>
/// Asked at RCPT time, after syntax checks and before the relay rule, and by HTTP injection for each recipient.
/// Answers from memory (it runs on the SMTP session's command path). The first policy that does not answer
/// <see cref="RecipientDecisionKind.Continue"/> decides.
/// </summary>
public interface IRecipientPolicy
{
    /// <summary>The policy's answer for one recipient (from memory: it runs on the SMTP command path).</summary>
    RecipientDecision Evaluate(in RecipientCheck check);
}
