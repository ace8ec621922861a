using System.Net.Security;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Applies the destination's MTA-STS policy to a delivery plan (RFC 8461 §5, §4): in enforce mode only MX hosts
/// matching the policy are used, with STARTTLS required and a certificate valid for the MX name, else the
/// message is deferred (4.7.5); testing mode delivers as usual but still checks the MX names and certificates and
/// records each failure (and logs it). Static routes are the admin's choice and are left alone. Outcomes go to
/// <see cref="TlsReportStore"/> for TLS-RPT (RFC 8460).
/// </summary>
public sealed partial class MtaStsEnforcer
{
    /// <summary>Prefix of the route domain that marks a plan as MTA-STS enforced.</summary>
    public const string RoutePrefix = "mta-sts:";

    /// <summary>Prefix of the site key of a plan under a testing-mode policy (one ready queue per policy domain,
    /// so each session's TLS outcome is attributed to its domain).</summary>
    public const string TestingSitePrefix = "mta-sts-testing:";

    private readonly MtaStsPolicyResolver _resolver;
    private readonly MtaStsTrust _trust;
    private readonly TlsReportStore _reports;
    private readonly MtaStsOptions _options;
    private readonly ILogger _logger;

    /// <summary>
    /// An enforcer over its policy resolver, certificate trust and TLS-RPT store; <paramref name="options"/> switches
    /// MTA-STS off entirely when <see cref="MtaStsOptions.Enabled"/> is false.
    /// </summary>
    public MtaStsEnforcer(MtaStsPolicyResolver resolver, MtaStsTrust trust, TlsReportStore reports, MtaStsOptions options, ILogger<MtaStsEnforcer>? logger = null)
    {
        _resolver = resolver;
        _trust = trust;
        _reports = reports;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Applies the MTA-STS policy of <paramref name="domain"/> to <paramref name="plan"/>: unchanged when MTA-STS is
    /// off, the plan is a static route or has no hosts, or no policy exists; in enforce mode narrowed to the MX hosts
    /// the policy names (a deferral 4.7.5 when none match, RFC 8461 §4.1) and marked to require STARTTLS with a valid
    /// certificate; in testing mode marked so failures are only recorded.
    /// </summary>
    public async Task<MtaStsDecision> ApplyAsync(string domain, NextHopPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(plan);
        if (!_options.Enabled || plan.Route is not null || plan.Hosts.Count == 0) return new MtaStsDecision(plan, null);
        var lookup = await _resolver.GetPolicyAsync(domain, ct).ConfigureAwait(false);
        if (lookup.ResultType is not null) _reports.RecordFailure(domain, lookup.ResultType);
        if (lookup.Policy is not { Mode: not MtaStsMode.None } policy) return new MtaStsDecision(plan, null);
        var name = domain.TrimEnd('.').ToLowerInvariant();
        _reports.NotePolicy(name, policy);
        var matching = plan.Hosts.Where(h => policy.MatchesMx(h.Name)).ToList();
        if (policy.Mode == MtaStsMode.Testing)
        {
            // §5: testing mode delivers; a mismatch (§4.1) is only reported, and so are certificate failures (§4.2).
            foreach (var host in plan.Hosts.Except(matching))
            {
                _reports.RecordFailure(name, "validation-failure", receivingMx: host.Name);
                LogTestingFailure(_logger, name, "validation-failure", host.Name);
            }
            return new MtaStsDecision(plan with { SiteKey = $"{TestingSitePrefix}{name}->{plan.SiteKey}" }, null);
        }
        if (matching.Count == 0)
        {
            _reports.RecordFailure(name, "validation-failure");
            var hosts = string.Join(", ", plan.Hosts.Select(h => h.Name));
            return new MtaStsDecision(plan, new SmtpReply(451, "4.7.5", $"MTA-STS policy of {domain} (enforce): no MX host matches ({hosts})"));
        }
        // §4.2: STARTTLS with a certificate valid for the MX name; one ready queue per policy domain.
        var first = matching[0];
        var route = new Route(RoutePrefix + name, first.Name, first.Port, Tls: TlsMode.Required);
        return new MtaStsDecision(plan with { Hosts = matching, Route = route, SiteKey = $"{RoutePrefix}{name}->{plan.SiteKey}" }, null);
    }

    /// <summary>
    /// The certificate check for a plan under a policy (records the outcome), or null for other plans. For an
    /// enforced plan its answer decides; for a testing-mode plan the connection is opportunistic and the answer is
    /// ignored (RFC 8461 §5), but the outcome is recorded all the same.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidatorFor(NextHopPlan plan, string? receivingMx = null, string? sendingIp = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (PolicyDomainOf(plan) is not { } policy) return null;
        return (_, certificate, chain, errors) =>
        {
            var failure = _trust.Validate(certificate, chain, errors);
            if (failure is null) _reports.RecordSuccess(policy.Domain);
            else _reports.RecordFailure(policy.Domain, failure, receivingMx: receivingMx, sendingIp: sendingIp);
            if (failure is not null && policy.Testing) LogTestingFailure(_logger, policy.Domain, failure, receivingMx);
            return failure is null;
        };
    }

    /// <summary>
    /// Called with each connection attempt of a plan: records what the certificate check cannot see, a session
    /// without TLS (RFC 8460 §4.3.1 starttls-not-supported): testing mode went on in plaintext, or an enforced
    /// connection failed because STARTTLS was not offered or was refused (X.7.10).
    /// </summary>
    public void RecordSession(NextHopPlan plan, ConnectOutcome outcome, string? receivingMx = null, string? sendingIp = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcome);
        if (PolicyDomainOf(plan) is not { } policy) return;
        var plaintext = outcome.Connection is { TlsDescription: null };
        var refused = outcome.Failure?.Enhanced is { Subject: 7, Detail: 10 };
        if (!plaintext && !refused) return;
        _reports.RecordFailure(policy.Domain, "starttls-not-supported", receivingMx: receivingMx, sendingIp: sendingIp);
        if (policy.Testing) LogTestingFailure(_logger, policy.Domain, "starttls-not-supported", receivingMx);
    }

    /// <summary>
    /// RFC 8460 §4.4 policy-type "no-policy-found": a session used for a domain without an MTA-STS policy (or with mode
    /// none) is still reported, a success when it ran over TLS and starttls-not-supported (§4.3.1) when it did not. The
    /// dispatcher calls this once per connection and recipient domain, so the counts are sessions, not messages.
    /// Static routes are the admin's choice and are not reported; nor is anything when reporting is switched off.
    /// </summary>
    public void RecordUnpolicedSession(NextHopPlan plan, string domain, bool tls, string? receivingMx, string? sendingIp = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(domain);
        if (!_options.Enabled || !_options.ReportWithoutPolicy || plan.Route is not null || PolicyDomainOf(plan) is not null) return;
        if (tls) _reports.RecordSuccess(domain, TlsReportStore.NoPolicyFound);
        else _reports.RecordFailure(domain, "starttls-not-supported", TlsReportStore.NoPolicyFound, receivingMx, sendingIp);
    }

    private static (string Domain, bool Testing)? PolicyDomainOf(NextHopPlan plan)
    {
        if (plan.Route is { } route && route.Domain.StartsWith(RoutePrefix, StringComparison.Ordinal)) return (route.Domain[RoutePrefix.Length..], false);
        if (plan.Route is null && plan.SiteKey.StartsWith(TestingSitePrefix, StringComparison.Ordinal))
        {
            var end = plan.SiteKey.IndexOf("->", TestingSitePrefix.Length, StringComparison.Ordinal);
            if (end > TestingSitePrefix.Length) return (plan.SiteKey[TestingSitePrefix.Length..end], true);
        }
        return null;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning,
        Message = "MTA-STS testing-mode failure for {PolicyDomain}: {ResultType} (mx {Mx}); delivered anyway (RFC 8461 §5), recorded for TLS-RPT")]
    private static partial void LogTestingFailure(ILogger logger, string policyDomain, string resultType, string? mx);
}
