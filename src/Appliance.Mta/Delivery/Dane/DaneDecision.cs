using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// What DANE made of a delivery plan: the plan to deliver with (narrowed and marked when <see cref="Dane"/> is set),
/// or a deferral (4.7.5) with its RFC 8460 result type. <see cref="Dane"/> null means DANE does not apply and
/// today's opportunistic TLS or MTA-STS decide.
/// </summary>
public sealed record DaneDecision(NextHopPlan Plan, DanePlan? Dane, SmtpReply? Defer, string? ResultType = null)
{
    /// <summary>
    /// DANE does not apply (a static route, a permanent failure, an address literal, or no secure MX): <paramref
    /// name="plan"/> goes on unchanged.
    /// </summary>
    public static DaneDecision NotApplicable(NextHopPlan plan) => new(plan, null, null);
}
