using Appliance.Mta.Policy;
using Appliance.Mta.Smtp;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>
/// Makes the appliance the MX of its return-path domains (the tenants' and the verified per-domain ones): at those domains it accepts (as inbound mail, without
/// AUTH) only the addresses it issued, a VERP address with a valid signature or a <see cref="ReportAddresses"/>
/// address, and refuses every other address there with 550 5.1.1. Other domains: no opinion.
/// </summary>
public sealed class InboundAddressPolicy(VerpCodec verp, ITenantFeedbackSettingsSource settings, IDomainReturnPathSource? domains = null) : IRecipientPolicy
{
    /// <summary>
    /// At a return-path domain: Inbound for a report address or a VERP address with a valid signature, else 550 5.1.1
    /// (RFC 3463 §3.2). At any other domain: Continue.
    /// </summary>
    public RecipientDecision Evaluate(in RecipientCheck check)
    {
        var domain = AddressNormalizer.DomainOf(check.Recipient);
        if (domain is null || !(settings.ReturnPathDomains.ContainsKey(domain) || domains?.IsReturnPathDomain(domain) == true)) return RecipientDecision.Continue;
        if (ReportAddresses.IsReportAddress(check.Recipient) || verp.TryDecode(check.Recipient) is not null) return RecipientDecision.Inbound;
        // RFC 3463 §3.2: X.1.1 "bad destination mailbox address".
        return RecipientDecision.Reject(new SmtpReply(550, "5.1.1", "No such address at this return-path domain"), "unknown return-path address");
    }
}
