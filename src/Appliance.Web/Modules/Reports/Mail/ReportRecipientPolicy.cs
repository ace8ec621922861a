using Appliance.Mta.Policy;

namespace Appliance.Web.Modules.Reports.Mail;

/// <summary>
/// RCPT TO a report mailbox (<see cref="ReportMailboxAddresses"/>) is accepted as inbound mail without AUTH, like
/// the return-path addresses; anything else gets no opinion. Registered ahead of the inbound return-path policy,
/// which refuses unknown local parts at those domains.
/// </summary>
public sealed class ReportRecipientPolicy(ReportMailboxAddresses addresses) : IRecipientPolicy
{
    public RecipientDecision Evaluate(in RecipientCheck check) =>
        addresses.IsReportAddress(check.Recipient) ? RecipientDecision.Inbound : RecipientDecision.Continue;
}
