using Appliance.Mta.Dns;

namespace Appliance.Mta.DomainHealth;

/// <summary>
/// Live DNS health checks of a sending domain: SPF, DKIM, DMARC, return-path MX, reverse DNS,
/// MTA-STS, TLS-RPT, BIMI. Each check says pass/warn/fail, why, and the record to publish.
/// </summary>
public sealed class DomainHealthChecker
{
    private readonly IDnsResolver _dns;
    private readonly TimeProvider _time;

    public DomainHealthChecker(IDnsResolver dns, TimeProvider time)
    {
        _dns = dns;
        _time = time;
    }

    public Task<DomainHealthReport> CheckAsync(DomainHealthRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = _dns;
        IReadOnlyList<DnsCheckResult> checks = [];
        return Task.FromResult(new DomainHealthReport(request.Domain, _time.GetUtcNow(), checks));
    }
}
