using Appliance.Mta.Smtp;

namespace Appliance.Mta.Dns;

/// <summary>
/// Where to deliver mail for one domain: the hosts in the order to try them (RFC 5321 §5.1), the
/// site key that groups domains sharing the same MX set (KumoMTA "MX rollup"), and the static route
/// if one applied. On failure, <see cref="Failure"/> is the reply to record against every recipient.
/// </summary>
public sealed record NextHopPlan(
    NextHopOutcome Outcome,
    SmtpReply? Failure,
    IReadOnlyList<NextHopHost> Hosts,
    string SiteKey,
    Route? Route)
{
    /// <summary>
    /// A plan that bounces every recipient now with <paramref name="failure"/> (5xx: NXDOMAIN, null MX, no address).
    /// </summary>
    public static NextHopPlan Permanent(SmtpReply failure, string siteKey, Route? route = null) =>
        new(NextHopOutcome.PermanentFailure, failure, [], siteKey, route);

    /// <summary>
    /// A plan that defers every recipient with <paramref name="failure"/> (4xx: SERVFAIL, timeout, no MX host
    /// resolves).
    /// </summary>
    public static NextHopPlan Transient(SmtpReply failure, string siteKey, Route? route = null) =>
        new(NextHopOutcome.TransientFailure, failure, [], siteKey, route);
}
