using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Archive;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Ingestion;

/// <summary>
/// The one ingestion path of the three channels (mail to the appliance, IMAP, upload): reads the document
/// (<see cref="ReportDocumentReader"/>, within the archive limits), drops duplicates by (kind, org, report id),
/// stores each new report with its parsed rows and the raw bytes in one transaction per report, logs what could
/// not be read, and evaluates the alerts on new aggregate reports.
/// </summary>
public sealed class ReportIngestionService(
    IDbContextFactory<ApplianceDbContext> dbFactory, ReportDomainOwners owners, ReportAlertEvaluator alerts,
    IOptionsMonitor<ReportsOptions> options, TimeProvider time, ILogger<ReportIngestionService> logger)
{
    public async Task<IngestionResult> IngestAsync(byte[] content, string? fileName, ReportChannel channel, string source, CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        var read = ReportDocumentReader.Read(content, fileName, new ReportArchiveLimits { MaxDecompressedBytes = o.MaxDecompressedBytes, MaxEntries = o.MaxZipEntries });
        var ownerOf = await owners.LoadAsync(ct);
        var now = time.GetUtcNow();
        var raw = ReportEntityMapper.Compress(content);
        var results = new List<IngestedReport>();
        var log = new List<IngestionLogEntry>();
        foreach (var a in read.Aggregates)
        {
            var entity = ReportEntityMapper.FromAggregate(a);
            var stored = await StoreAsync(entity, null, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("dmarcAggregate", stored ? "stored" : "duplicate", a.OrgName, a.ReportId, entity.Domain, a.Records.Count, a.MessageCount, a.Problems));
            if (stored) await alerts.EvaluateAsync(entity, ct);
        }
        foreach (var t in read.TlsReports)
        {
            var entity = ReportEntityMapper.FromTls(t);
            var stored = await StoreAsync(entity, null, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("tlsRpt", stored ? "stored" : "duplicate", t.OrganizationName, t.ReportId, entity.Domain, t.Policies.Count, entity.MessageCount, t.Problems));
        }
        foreach (var f in read.FailureReports)
        {
            var (entity, row) = ReportEntityMapper.FromFailure(f, content, now);
            var stored = await StoreAsync(entity, row, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("dmarcFailure", stored ? "stored" : "duplicate", entity.OrgName, entity.ReportId, entity.Domain, 1, 1, []));
        }
        foreach (var e in read.Errors) log.Add(new IngestionLogEntry { At = now, Channel = channel, Source = Clip(source), Message = Clip(e, 2000) });
        foreach (var r in results.Where(r => r.Problems.Count > 0))
            log.Add(new IngestionLogEntry { At = now, Channel = channel, Source = Clip(source), Message = Clip($"{r.OrgName} {r.ReportId}: stored with problems: {string.Join("; ", r.Problems)}", 2000) });
        if (log.Count > 0) await AppendLogAsync(log, o.IngestionLogSize, ct);
        ReportsLog.Ingested(logger,
            channel, source, results.Count(r => r.Status == "stored"), results.Count(r => r.Status == "duplicate"), read.Errors.Count);
        return new IngestionResult(results, read.Errors);
    }

    /// <summary>Records a failure outside parsing (an IMAP error) in the ingestion log shown in the UI.</summary>
    public Task LogAsync(ReportChannel channel, string source, string message, CancellationToken ct = default) =>
        AppendLogAsync([new IngestionLogEntry { At = time.GetUtcNow(), Channel = channel, Source = Clip(source), Message = Clip(message, 2000) }], options.CurrentValue.IngestionLogSize, ct);

    private async Task<bool> StoreAsync(StoredReport entity, FailureReportRow? failure, byte[] raw, ReportChannel channel, string source,
        DateTimeOffset now, Func<string, string?> ownerOf, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Reports.AnyAsync(r => r.Kind == entity.Kind && r.OrgName == entity.OrgName && r.ReportId == entity.ReportId, ct)) return false;
        entity.Channel = channel;
        entity.Source = Clip(source);
        entity.ReceivedAt = now;
        entity.TenantId = ownerOf(entity.Domain);
        entity.Raw = raw;
        db.Reports.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Appliance.Web.Api.SqliteErrors.IsUniqueViolation(e))
        {
            return false; // the same report arrived concurrently by another channel
        }
        if (failure is not null)
        {
            failure.StoredReportId = entity.Id;
            db.FailureReports.Add(failure);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    private async Task AppendLogAsync(List<IngestionLogEntry> entries, int keep, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IngestionLog.AddRange(entries);
        await db.SaveChangesAsync(ct);
        var cutoff = await db.IngestionLog.OrderByDescending(e => e.Id).Skip(Math.Max(keep, 1)).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (cutoff is { } id) await db.IngestionLog.Where(e => e.Id <= id).ExecuteDeleteAsync(ct);
    }

    private static string Clip(string s, int max = 500) => s.Length <= max ? s : s[..max];
}
