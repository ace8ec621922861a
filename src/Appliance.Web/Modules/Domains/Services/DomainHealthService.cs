using System.Text.Json;
using Appliance.Mta.Configuration;
using Appliance.Mta.DomainHealth;
using Appliance.Mta.Egress;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Services.Tls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// Live DNS checks of a sending domain: the engine's <see cref="DomainHealthChecker"/> (SPF, DMARC, MX, PTR, MTA-STS,
/// ...) plus this module's DKIM record check for every published selector. Each run is stored (history) and
/// turned into the records to publish, with their status.
/// </summary>
public sealed class DomainHealthService(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    DomainHealthChecker checker,
    DkimRecordProbe probe,
    DnsRecordAdvisor advisor,
    IOptions<MtaOptions> mta,
    IOptions<DkimOptions> options,
    EgressConfiguration egress,
    HostAddresses hostAddresses,
    TimeProvider time,
    TlsaRecordProbe? tlsaProbe = null,
    IListenerCertificateSource? certificates = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs every check now and stores the run; null when the domain does not exist.</summary>
    public async Task<DomainDnsResponse?> CheckAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var d = await db.Domains.Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == key, ct);
        return d is null ? null : await CheckAsync(db, d, ct);
    }

    /// <summary>Checks every domain (the Quartz job).</summary>
    public async Task<int> CheckAllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = await db.Domains.Include(x => x.Keys).ToListAsync(ct);
        foreach (var d in domains) await CheckAsync(db, d, ct);
        return domains.Count;
    }

    /// <summary>The records to publish (no DNS lookup); null when the domain does not exist.</summary>
    public async Task<DnsAdviceResponse?> AdviseAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var d = await db.Domains.AsNoTracking().Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == key, ct);
        return d is null ? null : advisor.Advise(d);
    }

    public async Task<IReadOnlyList<DnsCheckRunResponse>> HistoryAsync(string name, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var id = await db.Domains.Where(d => d.Name == key).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
        if (id is null) return [];
        var runs = await db.CheckRuns.AsNoTracking().Where(r => r.SendingDomainId == id).OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        return runs.Select(r => new DnsCheckRunResponse(r.CheckedAt, DomainMapper.StatusName(r.Worst), Checks(r))).ToList();
    }

    public static IReadOnlyList<DnsCheckResponse> Checks(DomainCheckRun run) =>
        JsonSerializer.Deserialize<List<DnsCheckResponse>>(run.ResultsJson, Json) ?? [];

    private async Task<DomainDnsResponse> CheckAsync(ApplianceDbContext db, SendingDomain d, CancellationToken ct)
    {
        var published = d.Keys.Where(k => k.Status is DkimKeyStatus.Pending or DkimKeyStatus.Active or DkimKeyStatus.Retiring)
            .OrderBy(k => k.Status).ThenBy(k => k.Algorithm).ToList();
        var report = await checker.CheckAsync(new DomainHealthRequest
        {
            Domain = d.Name,
            ReturnPathDomain = d.ReturnPathDomain,
            DkimRecords = published.Select(k => new ExpectedDkimRecord(k.Selector, k.TxtRecord)).ToList(),
            // The egress plan says where this tenant's mail leaves from: each source with its own EHLO name.
            Sources = egress.Plan.SourcesFor(d.TenantId).Where(s => s.BindAddress is not null)
                .Select(s => new SendingSource(s.Name, s.BindAddress!, s.EhloName ?? mta.Value.Hostname)).ToList(),
            SendingIps = options.Value.SendingIps
                .Select(s => System.Net.IPAddress.TryParse(s.Trim(), out var ip) ? ip : null).OfType<System.Net.IPAddress>().ToList(),
            HostAddresses = hostAddresses.List(),
            EhloName = mta.Value.Hostname,
            ApplianceMxHosts = [mta.Value.Hostname],
        }, ct);

        var checks = report.Checks.Select(c => new DnsCheckResponse(c.Check, DomainMapper.StatusName(c.Status), c.Explanation,
            c.Fix is null ? null : new DnsRecordResponse(c.Fix.Type, c.Fix.Name, c.Fix.Value, c.Fix.Purpose))).ToList();
        foreach (var k in published)
        {
            var checkName = "dkim:" + k.Selector;
            if (checks.Any(c => c.Check == checkName)) continue;
            // The engine's checker did not look at this selector: our own lookup.
            var own = await probe.CheckAsync(d.Name, k.Selector, k.TxtRecord, ct);
            checks.Add(new DnsCheckResponse(checkName, OwnStatus(own.State, k.Status), own.Explanation, null));
        }
        // Inbound DANE: a TLSA record published for our MX that no longer matches the listeners' key stops DANE senders.
        if (tlsaProbe is not null && certificates?.Certificate is { } certificate)
        {
            var tlsa = await tlsaProbe.CheckAsync(mta.Value.Hostname, certificate, ct);
            var status = tlsa.State switch
            {
                TlsaRecordState.Absent or TlsaRecordState.Matches => "pass",
                TlsaRecordState.Mismatch => "fail",
                _ => "warn",
            };
            var advised = TlsaSuggestion.For(certificate, mta.Value.Hostname);
            checks.Add(new DnsCheckResponse("tlsa", status, tlsa.Explanation,
                tlsa.State is TlsaRecordState.Mismatch or TlsaRecordState.Unjudged ? new DnsRecordResponse("TLSA", advised.Name, advised.Value, "DANE for mail to the appliance") : null));
        }
        // The records to publish come from the configuration (complete before any check); each check's suggestion
        // is the advised record where the check's own one is generic.
        var advice = advisor.Advise(d);
        checks = checks.Select(c => DnsRecordAdvisor.WithAdvisedFix(c, advice)).ToList();
        var records = DnsRecordAdvisor.WithStatus(advice.Records, checks);

        var worst = checks.Count == 0 ? DnsCheckStatus.Pass : checks.Max(c => Enum.Parse<DnsCheckStatus>(c.Status, ignoreCase: true));
        var now = time.GetUtcNow();
        db.CheckRuns.Add(new DomainCheckRun { SendingDomainId = d.Id, CheckedAt = now, Worst = worst, ResultsJson = JsonSerializer.Serialize(checks, Json) });
        await db.SaveChangesAsync(ct);
        await PruneAsync(db, d.Id, ct);
        return new DomainDnsResponse(d.Name, now, DomainMapper.StatusName(worst), records, checks);
    }

    private async Task PruneAsync(ApplianceDbContext db, int domainId, CancellationToken ct)
    {
        var keep = Math.Max(1, options.Value.HealthHistory);
        var cutoff = await db.CheckRuns.Where(r => r.SendingDomainId == domainId).OrderByDescending(r => r.Id).Skip(keep).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (cutoff is { } id) await db.CheckRuns.Where(r => r.SendingDomainId == domainId && r.Id <= id).ExecuteDeleteAsync(ct);
    }

    /// <summary>A missing active key fails; a missing pending key only warns (the rotation is waiting for it).</summary>
    private static string OwnStatus(DkimRecordState state, DkimKeyStatus key) => state switch
    {
        DkimRecordState.Published => "pass",
        DkimRecordState.LookupFailed => "warn",
        _ => key == DkimKeyStatus.Pending ? "warn" : "fail",
    };
}
