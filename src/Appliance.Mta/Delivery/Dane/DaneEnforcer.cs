using System.Runtime.CompilerServices;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// Outbound DANE for SMTP (RFC 7672), the delivery's three hooks: <see cref="ApplyAsync"/> turns a plan into a DANE
/// plan or a deferral (before MTA-STS: RFC 8461 §2), <see cref="SessionFor"/> gives the connection to an MX host its
/// TLS requirement and certificate check, and <see cref="TlsDescription"/> tells the timeline what was verified.
/// Used only when <see cref="DnsOptions.DnssecValidating"/> declares the resolvers validate; outcomes go to
/// <see cref="TlsReportStore"/> with policy-type "tlsa" (RFC 8460 §4.4).
/// </summary>
public sealed class DaneEnforcer
{
    private readonly DanePolicyResolver _resolver;
    private readonly TlsReportStore _reports;
    private readonly bool _enabled;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<NextHopPlan, DanePlan> _plans = [];
    private readonly ConditionalWeakTable<SmtpClientConnection, string> _sessions = [];

    /// <summary>
    /// An enforcer over its policy resolver and TLS-RPT store; it is enabled only when <paramref name="options"/>
    /// declares the resolvers DNSSEC-validating (<see cref="DnsOptions.DnssecValidating"/>).
    /// </summary>
    public DaneEnforcer(DanePolicyResolver resolver, TlsReportStore reports, IOptions<MtaOptions> options, TimeProvider time, ILogger<DaneEnforcer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _reports = reports ?? throw new ArgumentNullException(nameof(reports));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        _enabled = options.Value.Dns.DnssecValidating;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var servers = options.Value.Dns.Servers;
        if (_enabled && (servers.Count == 0 || !servers.All(IsLoopback)))
            DaneLog.RemoteResolver(_logger, servers.Count == 0 ? "system resolvers" : string.Join(", ", servers));
    }

    private static bool IsLoopback(string server)
    {
        try { return System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(DnsClientResolver.ParseServer(server).Address)); }
        catch (FormatException) { return false; }
    }

    /// <summary>Whether DANE is on (the resolvers were declared validating).</summary>
    public bool Enabled => _enabled;

    internal TimeProvider Time { get; }

    internal TlsReportStore Reports => _reports;

    internal ILogger Logger => _logger;

    /// <summary>Hook 1, after next-hop resolution and before MTA-STS: the plan under DANE, or a 4.7.5 deferral.</summary>
    public async Task<DaneDecision> ApplyAsync(string domain, NextHopPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(plan);
        if (!_enabled) return DaneDecision.NotApplicable(plan);
        var decision = await _resolver.ResolveAsync(domain, plan, ct).ConfigureAwait(false);
        if (decision.Defer is { } defer)
        {
            _reports.RecordFailure(domain, decision.ResultType ?? DaneResultTypes.DnssecInvalid, DaneResultTypes.PolicyType);
            DaneLog.Deferred(_logger, domain, decision.ResultType ?? DaneResultTypes.DnssecInvalid, defer.Text);
        }
        else if (decision.Dane is { } dane)
        {
            _plans.AddOrUpdate(decision.Plan, dane);
            if (dane.Hosts.Count > 0) _reports.NoteTlsa(dane.Domain, dane.PolicyStrings);
        }
        return decision;
    }

    /// <summary>Whether <paramref name="plan"/> came out of <see cref="ApplyAsync"/> under DANE (its sessions are not "no-policy-found").</summary>
    public bool Covers(NextHopPlan plan) => plan is not null && _plans.TryGetValue(plan, out _);

    /// <summary>Hook 2, per connection attempt: the DANE session for <paramref name="host"/> of <paramref name="plan"/>, or null (no DANE for it).</summary>
    public DaneSession? SessionFor(NextHopPlan plan, NextHopHost host, string? sendingIp = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(host);
        if (!_plans.TryGetValue(plan, out var dane) || dane.For(host.Name) is not { } policy) return null;
        return new DaneSession(this, dane.Domain, policy, sendingIp);
    }

    /// <summary>Hook 3, for the attempt's record: the connection's TLS description, with what DANE verified appended.</summary>
    public string? TlsDescription(SmtpClientConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _sessions.TryGetValue(connection, out var text) ? text : connection.TlsDescription;
    }

    internal void NoteSession(SmtpClientConnection connection, string text) => _sessions.AddOrUpdate(connection, text);
}
