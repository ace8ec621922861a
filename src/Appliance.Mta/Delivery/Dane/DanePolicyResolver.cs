using System.Globalization;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// Decides, from DNSSEC-aware lookups, whether and how DANE applies to a delivery plan (RFC 7672 §2.2): the MX RRset
/// and each host's addresses must be secure before the host's "_port._tcp" TLSA RRset is looked up; a secure usable
/// RRset authenticates, a secure all-unusable one only requires STARTTLS, anything insecure leaves the host to today's
/// opportunistic TLS or MTA-STS, and a bogus answer takes the host (or the whole domain) out: the mail is deferred.
/// It only asks DNS; connecting and checking certificates are <see cref="DaneEnforcer"/>'s.
/// </summary>
public sealed class DanePolicyResolver(IDnssecResolver dns)
{
    /// <summary>Prefix of the site key of a plan under DANE (one ready queue per domain, so TLS-RPT can attribute sessions).</summary>
    public const string SitePrefix = "dane:";

    /// <summary>
    /// What DANE makes of <paramref name="plan"/> for <paramref name="domain"/> (RFC 7672 §2.2): not applicable (route,
    /// permanent failure, address literal, insecure MX RRset), a plan narrowed to the hosts that may be used with their
    /// TLSA policies, or a 4.7.5 deferral when a lookup is bogus or no usable host is left.
    /// </summary>
    public async Task<DaneDecision> ResolveAsync(string domain, NextHopPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(plan);
        // A static route is the admin's choice; a permanent failure (NXDOMAIN, null MX) stays what it is.
        if (plan.Route is not null || plan.Outcome == NextHopOutcome.PermanentFailure || domain.StartsWith('[')) return DaneDecision.NotApplicable(plan);
        var name = domain.TrimEnd('.').ToLowerInvariant();

        var mx = await dns.ResolveMxAsync(name, ct).ConfigureAwait(false);
        // RFC 7672 §2.2.1: a bogus MX RRset is a lookup error: defer, never fall back to insecure delivery.
        if (mx.Security == DnssecStatus.Bogus)
            return Deferred(plan, DaneResultTypes.DnssecInvalid, $"DNSSEC validation failed for the MX records of {name} (bogus answer)");

        if (plan.Outcome == NextHopOutcome.TransientFailure)
        {
            // The plan failed; say so precisely when the cause is a bogus address of a secure MX host.
            if (!mx.IsSecure) return DaneDecision.NotApplicable(plan);
            var exchanges = mx.Status == DnsStatus.Ok ? mx.Records.Where(r => !r.IsNullMx).Select(r => r.Exchange).Distinct().ToList() : [name];
            foreach (var host in exchanges)
            {
                var a = await dns.ResolveAddressesAsync(host, ct).ConfigureAwait(false);
                if (a.Security == DnssecStatus.Bogus)
                    return Deferred(plan, DaneResultTypes.DnssecInvalid, $"DNSSEC validation failed for the addresses of {host} (bogus answer)");
            }
            return DaneDecision.NotApplicable(plan);
        }

        // RFC 7672 §2.2.1: only a secure MX RRset (or a secure denial, for the implicit MX) lets DANE apply.
        if (!mx.IsSecure) return DaneDecision.NotApplicable(plan);

        var policies = new Dictionary<string, DaneHostPolicy>(StringComparer.OrdinalIgnoreCase);
        var dropped = new List<string>();
        string? dropType = null;
        var keep = new List<NextHopHost>(plan.Hosts.Count);
        foreach (var host in plan.Hosts)
        {
            var (policy, drop, type) = await HostPolicyAsync(host, ct).ConfigureAwait(false);
            if (drop is not null)
            {
                dropped.Add(drop);
                dropType ??= type;
                continue;
            }
            if (policy is not null) policies[policy.Host] = policy;
            keep.Add(host);
        }
        if (policies.Count == 0 && dropped.Count == 0) return DaneDecision.NotApplicable(plan);
        if (keep.Count == 0)
            return Deferred(plan, dropType ?? DaneResultTypes.DnssecInvalid, $"no usable MX host for {name}: {string.Join("; ", dropped)}");
        var dane = new DanePlan(name, policies, dropped);
        return new DaneDecision(plan with { Hosts = keep, SiteKey = $"{SitePrefix}{name}->{plan.SiteKey}" }, dane, null);
    }

    /// <returns>The host's policy (null: no DANE for it), or why it must not be used.</returns>
    private async Task<(DaneHostPolicy? Policy, string? Drop, string? ResultType)> HostPolicyAsync(NextHopHost host, CancellationToken ct)
    {
        var hostName = host.Name.TrimEnd('.').ToLowerInvariant();
        var addresses = await dns.ResolveAddressesAsync(hostName, ct).ConfigureAwait(false);
        // RFC 7672 §2.2.2: bogus addresses: the host is skipped; insecure ones: no DANE for it.
        if (addresses.Security == DnssecStatus.Bogus)
            return (null, $"DNSSEC validation failed for the addresses of {hostName}", DaneResultTypes.DnssecInvalid);
        if (addresses.Security != DnssecStatus.Secure || addresses.Status != DnsStatus.Ok) return (null, null, null);

        // RFC 7672 §2.2.2 / RFC 6698 §3: the TLSA base domain is the MX host name, "_port._tcp." in front.
        var tlsaName = string.Create(CultureInfo.InvariantCulture, $"_{host.Port}._tcp.{hostName}");
        var tlsa = await dns.ResolveTlsaAsync(tlsaName, ct).ConfigureAwait(false);
        switch (tlsa.Security, tlsa.Status)
        {
            case (DnssecStatus.Bogus, _):
                return (null, $"DNSSEC validation failed for the TLSA records {tlsaName}", DaneResultTypes.DnssecInvalid);
            case (_, DnsStatus.ServerFailure or DnsStatus.Timeout):
                // RFC 7672 §2.2: a TLSA lookup that fails (not a denial) means the host must not be used.
                return (null, $"TLSA lookup of {tlsaName} failed ({tlsa.Status})", DaneResultTypes.DnssecInvalid);
            case (DnssecStatus.Secure, DnsStatus.Ok):
                var mode = tlsa.Records.Any(r => r.IsUsable) ? DaneMode.Authenticated : DaneMode.EncryptOnly;
                return (new DaneHostPolicy(hostName, mode, tlsa.Records), null, null);
            default:
                // A secure denial or an insecure RRset: no DANE for this host (RFC 7672 §2.2).
                return (null, null, null);
        }
    }

    private static DaneDecision Deferred(NextHopPlan plan, string resultType, string reason) =>
        new(plan, null, new SmtpReply(451, "4.7.5", $"DANE: {reason}"), resultType);
}
