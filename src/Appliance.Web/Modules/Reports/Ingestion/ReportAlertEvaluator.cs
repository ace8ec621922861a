using System.Globalization;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ownership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Ingestion;

/// <summary>
/// Alerts from new aggregate reports, as Alert events (webhooks deliver them by type): the DMARC pass rate of the
/// appliance's own IPs in a report below <see cref="ReportsOptions.OwnPassRateThreshold"/>, and a source that is not
/// the appliance's sending more than <see cref="ReportsOptions.UnknownSourceAlertMessages"/> messages (once per domain
/// and source, remembered in ReportAlertMarks).
/// </summary>
public sealed class ReportAlertEvaluator(
    IDbContextFactory<ApplianceDbContext> dbFactory, IOwnSendingAddresses own, IEventSink events, IOptionsMonitor<ReportsOptions> options,
    TimeProvider time, ILogger<ReportAlertEvaluator> logger)
{
    public const string OwnPassRatePrefix = "DMARC own-IP pass rate";
    public const string UnknownSourcePrefix = "DMARC unknown source";

    public async Task<int> EvaluateAsync(StoredReport report, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        var raised = 0;
        var ownRows = report.DmarcRecords.Where(r => own.IsOwn(r.SourceIp)).ToList();
        var ownMessages = ownRows.Sum(r => r.Count);
        var ownPass = ownRows.Where(r => r.DmarcPass).Sum(r => r.Count);
        if (ownMessages >= o.OwnPassRateMinMessages && ownMessages > 0 && (double)ownPass / ownMessages < o.OwnPassRateThreshold)
        {
            Raise(report, null, string.Create(CultureInfo.InvariantCulture,
                $"{OwnPassRatePrefix} for {report.Domain} is {100.0 * ownPass / ownMessages:0.0}% ({ownPass} of {ownMessages} messages) in {report.OrgName}'s report {report.ReportId}, below {o.OwnPassRateThreshold * 100:0.#}%"), now);
            raised++;
        }
        var unknown = report.DmarcRecords.Where(r => r.SourceIp.Length > 0 && !own.IsOwn(r.SourceIp))
            .GroupBy(r => r.SourceIp).Select(g => (Ip: g.Key, Messages: g.Sum(r => r.Count))).Where(x => x.Messages > o.UnknownSourceAlertMessages).ToList();
        if (unknown.Count == 0) return raised;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (ip, messages) in unknown)
        {
            var key = $"unknown-source:{report.Domain}:{ip}";
            if (await db.AlertMarks.AnyAsync(m => m.Key == key, ct)) continue;
            db.AlertMarks.Add(new ReportAlertMark { Key = key, RaisedAt = now });
            await db.SaveChangesAsync(ct);
            Raise(report, ip, $"{UnknownSourcePrefix}: {ip} sent {messages} messages as {report.Domain} ({report.OrgName}'s report {report.ReportId}); it is not one of the appliance's addresses", now);
            raised++;
        }
        return raised;
    }

    private void Raise(StoredReport report, string? ip, string detail, DateTimeOffset now)
    {
        events.Write(new MtaEvent { Type = MtaEventType.Alert, Timestamp = now, Tenant = report.TenantId, EgressIp = ip, Detail = detail });
        ReportsLog.Alert(logger, detail);
    }
}
