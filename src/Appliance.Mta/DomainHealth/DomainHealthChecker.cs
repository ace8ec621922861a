using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Dns.Spf;

namespace Appliance.Mta.DomainHealth;

/// <summary>
/// Live DNS health checks of a sending domain: SPF, DKIM, DMARC, return-path MX, reverse DNS,
/// MTA-STS, TLS-RPT, BIMI. Each check says pass/warn/fail, why, and the record to publish.
/// </summary>
public sealed class DomainHealthChecker
{
    private readonly IDnsResolver _dns;
    private readonly TimeProvider _time;
    private readonly IMtaStsPolicySource _policies;
    private readonly SpfEvaluator _spf;

    /// <summary>A checker that looks records up through <paramref name="dns"/>.</summary>
    public DomainHealthChecker(IDnsResolver dns, TimeProvider time, IMtaStsPolicySource policies)
    {
        _dns = dns;
        _time = time;
        _policies = policies;
        _spf = new SpfEvaluator(dns, time);
    }

    /// <summary>Runs every check of <paramref name="request"/> (SPF, DKIM, DMARC, return-path MX, PTR, MTA-STS, TLS-RPT, BIMI).</summary>
    public async Task<DomainHealthReport> CheckAsync(DomainHealthRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var domain = request.Domain.TrimEnd('.').ToLowerInvariant();
        var returnPath = (request.ReturnPathDomain ?? domain).TrimEnd('.').ToLowerInvariant();
        var checks = new List<DnsCheckResult>(await SpfHealthCheck.RunAsync(_spf, returnPath, request, ct).ConfigureAwait(false));
        foreach (var dkim in request.DkimRecords)
            checks.Add(await DkimHealthCheck.RunAsync(_dns, domain, dkim, ct).ConfigureAwait(false));
        checks.Add(await DmarcHealthCheck.RunAsync(_dns, domain, returnPath, ct).ConfigureAwait(false));
        checks.Add(await ReturnPathMxCheck.RunAsync(_dns, returnPath, request.ApplianceMxHosts, ct).ConfigureAwait(false));
        var sources = request.AllSources();
        foreach (var source in sources)
            checks.Add(await ReverseDnsCheck.RunAsync(_dns, source, ct).ConfigureAwait(false));
        if (sources.Count == 0) checks.Add(ReverseDnsCheck.NoSources(request));
        checks.Add(await ReceivingRecordChecks.MtaStsAsync(_dns, _policies, domain, _time.GetUtcNow(), ct).ConfigureAwait(false));
        checks.Add(await ReceivingRecordChecks.TlsRptAsync(_dns, domain, ct).ConfigureAwait(false));
        checks.Add(await ReceivingRecordChecks.BimiAsync(_dns, domain, ct).ConfigureAwait(false));
        return new DomainHealthReport(request.Domain, _time.GetUtcNow(), checks);
    }
}
