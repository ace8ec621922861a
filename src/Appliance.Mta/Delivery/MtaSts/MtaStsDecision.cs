using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The plan to deliver with (possibly narrowed to policy-matching MX hosts, TLS required), or a deferral.</summary>
public sealed record MtaStsDecision(NextHopPlan Plan, SmtpReply? Defer);
