using System.Net.Security;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Applies the destination's MTA-STS policy to a delivery plan (RFC 8461 §5, §4): in enforce mode only MX hosts
/// matching the policy are used, with STARTTLS required and a certificate valid for the MX name, else the
/// message is deferred (4.7.5); testing mode delivers as usual and records the failure. Static routes are the
/// admin's choice and are left alone. Outcomes go to <see cref="TlsReportStore"/>.
/// </summary>
public sealed class MtaStsEnforcer
{
    /// <summary>Prefix of the route domain that marks a plan as MTA-STS enforced.</summary>
    public const string RoutePrefix = "mta-sts:";

    private readonly MtaStsPolicyResolver _resolver;
    private readonly MtaStsTrust _trust;
    private readonly TlsReportStore _reports;
    private readonly MtaStsOptions _options;

    public MtaStsEnforcer(MtaStsPolicyResolver resolver, MtaStsTrust trust, TlsReportStore reports, MtaStsOptions options)
    {
        _resolver = resolver;
        _trust = trust;
        _reports = reports;
        _options = options;
    }

    public async Task<MtaStsDecision> ApplyAsync(string domain, NextHopPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(plan);
        if (!_options.Enabled || plan.Route is not null || plan.Hosts.Count == 0) return new MtaStsDecision(plan, null);
        var lookup = await _resolver.GetPolicyAsync(domain, ct).ConfigureAwait(false);
        if (lookup.ResultType is not null) _reports.RecordFailure(domain, lookup.ResultType);
        if (lookup.Policy is not { Mode: not MtaStsMode.None } policy) return new MtaStsDecision(plan, null);
        var matching = plan.Hosts.Where(h => policy.MatchesMx(h.Name)).ToList();
        if (policy.Mode == MtaStsMode.Testing)
        {
            // §5: testing mode delivers; a mismatch is only reported.
            if (matching.Count < plan.Hosts.Count) _reports.RecordFailure(domain, "validation-failure");
            return new MtaStsDecision(plan, null);
        }
        if (matching.Count == 0)
        {
            _reports.RecordFailure(domain, "validation-failure");
            var hosts = string.Join(", ", plan.Hosts.Select(h => h.Name));
            return new MtaStsDecision(plan, new SmtpReply(451, "4.7.5", $"MTA-STS policy of {domain} (enforce): no MX host matches ({hosts})"));
        }
        // §4.2: STARTTLS with a certificate valid for the MX name; one ready queue per policy domain.
        var first = matching[0];
        var route = new Route(RoutePrefix + domain.TrimEnd('.').ToLowerInvariant(), first.Name, first.Port, Tls: TlsMode.Required);
        return new MtaStsDecision(plan with { Hosts = matching, Route = route, SiteKey = $"{RoutePrefix}{route.Domain[RoutePrefix.Length..]}->{plan.SiteKey}" }, null);
    }

    /// <summary>The certificate check for an enforced plan (records the outcome), or null for other plans.</summary>
    public RemoteCertificateValidationCallback? CertificateValidatorFor(NextHopPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Route is not { } route || !route.Domain.StartsWith(RoutePrefix, StringComparison.Ordinal)) return null;
        var domain = route.Domain[RoutePrefix.Length..];
        return (_, certificate, chain, errors) =>
        {
            var failure = _trust.Validate(certificate, chain, errors);
            if (failure is null) _reports.RecordSuccess(domain);
            else _reports.RecordFailure(domain, failure);
            return failure is null;
        };
    }
}
