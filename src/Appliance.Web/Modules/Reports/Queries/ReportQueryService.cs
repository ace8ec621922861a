using System.Globalization;
using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Dmarc;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ownership;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Reports.Queries;

/// <summary>
/// The numbers behind the dashboards and the API: DMARC totals, daily pass rates, breakdowns by reporting org and
/// source IP (own or unknown), alignment failures and the policy advice; TLS-RPT failures by result type and MX.
/// <c>tenant</c> limits everything to reports of that tenant's domains (tenant-scoped API keys); null sees all.
/// </summary>
public sealed class ReportQueryService(IDbContextFactory<ApplianceDbContext> dbFactory, IOwnSendingAddresses own)
{
    private static readonly DmarcPolicyAdvisor Advisor = new();

    public async Task<DmarcSummaryResponse> DmarcAsync(string? domain, DateTimeOffset? from, DateTimeOffset? to, string? tenant, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = Visible(db, ReportKind.DmarcAggregate, tenant);
        var domains = await visible.Select(r => r.Domain).Distinct().OrderBy(d => d).ToListAsync(ct);
        var query = visible.Include(r => r.DmarcRecords).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(domain)) { var d = domain.Trim().ToLowerInvariant(); query = query.Where(r => r.Domain == d); }
        if (from is { } f) query = query.Where(r => r.Begin >= f);
        if (to is { } t) query = query.Where(r => r.Begin < t);
        var reports = await query.ToListAsync(ct);
        var rows = reports.SelectMany(r => r.DmarcRecords.Select(x => (Report: r, Row: x))).ToList();
        long Sum(Func<DmarcRecordRow, bool> p) => rows.Where(x => p(x.Row)).Sum(x => x.Row.Count);
        var messages = Sum(_ => true);
        var spf = Sum(x => x.SpfPass);
        var dkim = Sum(x => x.DkimPass);
        var dmarc = Sum(x => x.DmarcPass);
        var ownRows = rows.Where(x => own.IsOwn(x.Row.SourceIp)).ToList();
        var days = rows.GroupBy(x => Day(x.Report.Begin)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DmarcDayPoint(g.Key, g.Sum(x => x.Row.Count), g.Where(x => x.Row.SpfPass).Sum(x => x.Row.Count),
                g.Where(x => x.Row.DkimPass).Sum(x => x.Row.Count), g.Where(x => x.Row.DmarcPass).Sum(x => x.Row.Count))).ToList();
        var byOrg = reports.GroupBy(r => r.OrgName).Select(g => new DmarcOrgRow(g.Key, g.Count(), g.Sum(r => r.MessageCount), g.Sum(r => r.MessageCount - r.FailureCount)))
            .OrderByDescending(o => o.Messages).ToList();
        var bySource = rows.GroupBy(x => x.Row.SourceIp).Select(g => new DmarcSourceRow(g.Key, own.IsOwn(g.Key), g.Sum(x => x.Row.Count),
                g.Where(x => x.Row.SpfPass).Sum(x => x.Row.Count), g.Where(x => x.Row.DkimPass).Sum(x => x.Row.Count), g.Where(x => x.Row.DmarcPass).Sum(x => x.Row.Count),
                g.Select(x => x.Report.OrgName).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(s => s.Messages).ThenBy(s => s.Ip, StringComparer.Ordinal).ToList();
        var failures = rows.Where(x => !x.Row.DmarcPass && x.Row.Count > 0)
            .GroupBy(x => (x.Row.SourceIp, HeaderFrom: x.Row.HeaderFrom ?? x.Report.Domain, x.Row.FailureReasons))
            .Select(g => new DmarcFailureRow(g.Key.SourceIp, own.IsOwn(g.Key.SourceIp), g.Key.HeaderFrom, g.Sum(x => x.Row.Count),
                g.Key.FailureReasons.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
            .OrderByDescending(x => x.Messages).Take(100).ToList();
        var latest = reports.OrderByDescending(r => r.Begin).FirstOrDefault();
        DmarcPolicyAdvice? advice = null;
        if (!string.IsNullOrWhiteSpace(domain) && latest is not null)
        {
            var same = reports.Where(r => r.PolicyP == latest.PolicyP && (r.PolicyPct ?? 100) == (latest.PolicyPct ?? 100)).ToList();
            advice = Advisor.Advise(new DmarcPolicyEvidence(latest.PolicyP ?? "none", latest.PolicyPct ?? 100, DaysCovered(same),
                same.Sum(r => r.MessageCount), same.Sum(r => r.MessageCount - r.FailureCount)));
        }
        return new DmarcSummaryResponse(string.IsNullOrWhiteSpace(domain) ? null : domain.Trim().ToLowerInvariant(), from, to, reports.Count, messages, spf, dkim, dmarc,
            Rate(spf, messages), Rate(dkim, messages), Rate(dmarc, messages), ownRows.Sum(x => x.Row.Count), ownRows.Where(x => x.Row.DmarcPass).Sum(x => x.Row.Count),
            latest?.PolicyP, latest?.PolicyPct, days, byOrg, bySource, failures, advice, domains);
    }

    public async Task<TlsSummaryResponse> TlsAsync(string? domain, DateTimeOffset? from, DateTimeOffset? to, string? tenant, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = Visible(db, ReportKind.TlsRpt, tenant);
        var domains = await visible.Select(r => r.Domain).Distinct().OrderBy(d => d).ToListAsync(ct);
        var query = visible.Include(r => r.TlsResults).AsNoTracking();
        if (from is { } f) query = query.Where(r => r.Begin >= f);
        if (to is { } t) query = query.Where(r => r.Begin < t);
        var reports = await query.ToListAsync(ct);
        var d = domain?.Trim().ToLowerInvariant();
        var rows = reports.SelectMany(r => r.TlsResults.Where(x => string.IsNullOrEmpty(d) || x.PolicyDomain == d).Select(x => (Report: r, Row: x))).ToList();
        var counted = rows.Select(x => x.Report.Id).Distinct().Count();
        var failed = rows.Where(x => x.Row.ResultType != "success").ToList();
        var byType = failed.GroupBy(x => x.Row.ResultType).OrderByDescending(g => g.Sum(x => x.Row.Sessions)).ToDictionary(g => g.Key, g => g.Sum(x => x.Row.Sessions));
        var groups = failed.GroupBy(x => (x.Row.ResultType, Mx: x.Row.ReceivingMx ?? "(not given)"))
            .Select(g => new TlsFailureGroup(g.Key.ResultType, g.Key.Mx, g.Sum(x => x.Row.Sessions), g.Min(x => Day(x.Report.Begin))!, g.Max(x => Day(x.Report.Begin))!,
                g.Select(x => x.Report.OrgName).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Sessions).ToList();
        var days = rows.GroupBy(x => Day(x.Report.Begin)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TlsDayPoint(g.Key, g.Where(x => x.Row.ResultType == "success").Sum(x => x.Row.Sessions), g.Where(x => x.Row.ResultType != "success").Sum(x => x.Row.Sessions),
                g.Where(x => x.Row.ResultType != "success").GroupBy(x => x.Row.ResultType).ToDictionary(t => t.Key, t => t.Sum(x => x.Row.Sessions)))).ToList();
        return new TlsSummaryResponse(string.IsNullOrEmpty(d) ? null : d, counted, rows.Where(x => x.Row.ResultType == "success").Sum(x => x.Row.Sessions),
            failed.Sum(x => x.Row.Sessions), byType, groups, days, domains);
    }

    public async Task<IReadOnlyList<ReportListItem>> ListAsync(ReportKind? kind, string? domain, string? tenant, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Reports.AsNoTracking().Where(r => tenant == null || r.TenantId == tenant);
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (!string.IsNullOrWhiteSpace(domain)) { var d = domain.Trim().ToLowerInvariant(); query = query.Where(r => r.Domain == d); }
        var items = await query.OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(r => new { r.Id, r.Kind, r.OrgName, r.ReportId, r.Domain, r.Begin, r.End, r.ReceivedAt, r.Channel, r.Source, r.RecordCount, r.MessageCount, r.FailureCount, r.Problems, HasRaw = r.Raw != null })
            .ToListAsync(ct);
        return items.Select(r => new ReportListItem(r.Id, KindName(r.Kind), r.OrgName, r.ReportId, r.Domain, r.Begin, r.End, r.ReceivedAt, r.Channel.ToString(), r.Source,
            r.RecordCount, r.MessageCount, r.FailureCount, r.Problems.Split('\n', StringSplitOptions.RemoveEmptyEntries), r.HasRaw)).ToList();
    }

    public async Task<IReadOnlyList<FailureReportItem>> FailureReportsAsync(string? domain, string? tenant, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = domain?.Trim().ToLowerInvariant();
        return await (from f in db.FailureReports
                      join r in db.Reports on f.StoredReportId equals r.Id
                      where (tenant == null || r.TenantId == tenant) && (d == null || d == "" || r.Domain == d)
                      orderby r.Id descending
                      select new FailureReportItem(r.Id, r.OrgName, r.Domain, r.ReceivedAt, f.SourceIp, f.OriginalMailFrom, f.OriginalRcptTo, f.AuthFailure,
                          f.DeliveryResult, f.OriginalSubject, f.ArrivalDate)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IngestionLogItem>> LogAsync(int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.IngestionLog.AsNoTracking().OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return entries.Select(e => new IngestionLogItem(e.At, e.Channel.ToString(), e.Source, e.Message)).ToList();
    }

    /// <summary>The raw bytes of a report as received, or null (unknown, not visible, or past the raw retention).</summary>
    public async Task<byte[]?> RawAsync(long id, string? tenant, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var raw = await db.Reports.Where(r => r.Id == id && (tenant == null || r.TenantId == tenant)).Select(r => r.Raw).FirstOrDefaultAsync(ct);
        return raw is null ? null : Ingestion.ReportEntityMapper.Decompress(raw);
    }

    public static string KindName(ReportKind kind) => kind switch
    {
        ReportKind.DmarcAggregate => "dmarcAggregate",
        ReportKind.TlsRpt => "tlsRpt",
        _ => "dmarcFailure",
    };

    private static IQueryable<StoredReport> Visible(ApplianceDbContext db, ReportKind kind, string? tenant) =>
        db.Reports.Where(r => r.Kind == kind && (tenant == null || r.TenantId == tenant));

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>Distinct UTC days the reports cover (begin to end, end exclusive by a second).</summary>
    private static int DaysCovered(IEnumerable<StoredReport> reports)
    {
        var days = new HashSet<DateOnly>();
        foreach (var r in reports)
        {
            var first = DateOnly.FromDateTime(r.Begin.UtcDateTime);
            var last = DateOnly.FromDateTime((r.End > r.Begin ? r.End.AddSeconds(-1) : r.Begin).UtcDateTime);
            for (var d = first; d <= last && days.Count < 10_000; d = d.AddDays(1)) days.Add(d);
        }
        return days.Count;
    }
}
