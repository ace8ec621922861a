using System.Runtime.CompilerServices;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private readonly IMtaSettings _settings;
    private DnsOptions? _checkedResolvers;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<NextHopPlan, DanePlan> _plans = [];
    private readonly ConditionalWeakTable<SmtpClientConnection, string> _sessions = [];

    /// <summary>
    /// An enforcer that reads <see cref="DnsOptions.DnssecValidating"/> from <paramref name="settings"/>' snapshot in
    /// force at each plan, so switching DANE on or off applies to the next delivery attempt without a restart.
    /// </summary>
    public DaneEnforcer(DanePolicyResolver resolver, TlsReportStore reports, IMtaSettings settings, TimeProvider time, ILogger<DaneEnforcer>? logger = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _reports = reports ?? throw new ArgumentNullException(nameof(reports));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ = Enabled;
    }

    /// <summary>
    /// Whether DANE is on (the resolvers were declared validating) in the snapshot in force. The first time a DNS
    /// section turns it on with a resolver that is not on loopback, the warning is logged (RFC 7672 §2.1.1: the AD bit
    /// is only as trustworthy as the path to the validator).
    /// </summary>
    public bool Enabled
    {
        get
        {
            var dns = _settings.Current.Dns;
            if (!dns.DnssecValidating) return false;
            if (!ReferenceEquals(Volatile.Read(ref _checkedResolvers), dns))
            {
                var previous = Interlocked.Exchange(ref _checkedResolvers, dns);
                var servers = dns.Servers;
                if ((previous is null || !previous.DnssecValidating || !previous.Servers.SequenceEqual(servers, StringComparer.Ordinal))
                    && (servers.Count == 0 || !servers.All(IsLoopback)))
                    DaneLog.RemoteResolver(_logger, servers.Count == 0 ? "system resolvers" : string.Join(", ", servers));
            }
            return true;
        }
    }

    private static bool IsLoopback(string server)
    {
        try { return System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(DnsClientResolver.ParseServer(server).Address)); }
        catch (FormatException) { return false; }
    }

    internal TimeProvider Time { get; }

    internal TlsReportStore Reports => _reports;

    internal ILogger Logger => _logger;

    /// <summary>Hook 1, after next-hop resolution and before MTA-STS: the plan under DANE, or a 4.7.5 deferral.</summary>
    public async Task<DaneDecision> ApplyAsync(string domain, NextHopPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(plan);
        if (!Enabled) return DaneDecision.NotApplicable(plan);
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
