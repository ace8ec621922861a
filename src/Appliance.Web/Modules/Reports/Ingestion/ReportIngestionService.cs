using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Archive;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Ingestion;

/// <summary>
/// The one ingestion path of the three channels (mail to the appliance, IMAP, upload): reads the document
/// (<see cref="ReportDocumentReader"/>, within the archive limits), drops duplicates by (kind, org, report id),
/// stores each new report with its parsed rows and the raw bytes in one transaction per report, logs what could
/// not be read, and evaluates the alerts on new aggregate reports. An admin's upload in the UI
/// (<see cref="UploadAsync"/>) stores its files and its audit row in one transaction.
/// </summary>
public sealed class ReportIngestionService(
    IDbContextFactory<ApplianceDbContext> dbFactory, ReportDomainOwners owners, ReportAlertEvaluator alerts, IAuditLog audit,
    IOptionsMonitor<ReportsOptions> options, TimeProvider time, ILogger<ReportIngestionService> logger)
{
    public async Task<IngestionResult> IngestAsync(byte[] content, string? fileName, ReportChannel channel, string source, CancellationToken ct = default)
    {
        var stored = new List<StoredReport>();
        var result = await IngestAsync(null, content, fileName, channel, source, stored, ct);
        foreach (var entity in stored) await alerts.EvaluateAsync(entity, ct);
        return result;
    }

    /// <summary>
    /// The admin's upload: every file's reports, their ingestion log lines and the "reports.upload" audit row in one
    /// transaction (all stored, or none); the alerts are evaluated once it is committed. Errors name their file.
    /// </summary>
    public async Task<IngestionResult> UploadAsync(IReadOnlyList<(string Name, byte[] Content)> files, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var reports = new List<IngestedReport>();
        var errors = new List<string>();
        var stored = new List<StoredReport>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (name, content) in files)
            {
                var result = await IngestAsync(db, content, name, ReportChannel.Upload, "upload:" + name, stored, ct);
                reports.AddRange(result.Reports);
                // The reader already names the file it could not read; name it only where it did not (a message, an archive entry).
                errors.AddRange(result.Errors.Select(e => e.StartsWith(name + ":", StringComparison.Ordinal) ? e : $"{name}: {e}"));
            }
            var upload = new IngestionResult(reports, errors);
            audit.Add(db, actor, "reports.upload", string.Join(", ", files.Select(f => f.Name)), null,
                new { stored = upload.Stored, duplicates = reports.Count - upload.Stored, errors = errors.Count });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        foreach (var entity in stored) await alerts.EvaluateAsync(entity, ct);
        return new IngestionResult(reports, errors);
    }

    /// <summary>
    /// Reads and stores one document; with <paramref name="shared"/> everything goes through that context (the caller's
    /// transaction), otherwise each report is saved on its own. New aggregate reports are added to <paramref name="newAggregates"/>.
    /// </summary>
    private async Task<IngestionResult> IngestAsync(ApplianceDbContext? shared, byte[] content, string? fileName, ReportChannel channel, string source,
        List<StoredReport> newAggregates, CancellationToken ct)
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
            var stored = await StoreAsync(shared, entity, null, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("dmarcAggregate", stored ? "stored" : "duplicate", a.OrgName, a.ReportId, entity.Domain, a.Records.Count, a.MessageCount, a.Problems));
            if (stored) newAggregates.Add(entity);
        }
        foreach (var t in read.TlsReports)
        {
            var entity = ReportEntityMapper.FromTls(t);
            var stored = await StoreAsync(shared, entity, null, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("tlsRpt", stored ? "stored" : "duplicate", t.OrganizationName, t.ReportId, entity.Domain, t.Policies.Count, entity.MessageCount, t.Problems));
        }
        foreach (var f in read.FailureReports)
        {
            var (entity, row) = ReportEntityMapper.FromFailure(f, content, now);
            var stored = await StoreAsync(shared, entity, row, raw, channel, source, now, ownerOf, ct);
            results.Add(new IngestedReport("dmarcFailure", stored ? "stored" : "duplicate", entity.OrgName, entity.ReportId, entity.Domain, 1, 1, []));
        }
        foreach (var e in read.Errors) log.Add(new IngestionLogEntry { At = now, Channel = channel, Source = Clip(source), Message = Clip(e, 2000) });
        foreach (var r in results.Where(r => r.Problems.Count > 0))
            log.Add(new IngestionLogEntry { At = now, Channel = channel, Source = Clip(source), Message = Clip($"{r.OrgName} {r.ReportId}: stored with problems: {string.Join("; ", r.Problems)}", 2000) });
        if (log.Count > 0) await AppendLogAsync(shared, log, o.IngestionLogSize, ct);
        ReportsLog.Ingested(logger,
            channel, source, results.Count(r => r.Status == "stored"), results.Count(r => r.Status == "duplicate"), read.Errors.Count);
        return new IngestionResult(results, read.Errors);
    }

    /// <summary>Records a failure outside parsing (an IMAP error) in the ingestion log shown in the UI.</summary>
    public Task LogAsync(ReportChannel channel, string source, string message, CancellationToken ct = default) =>
        AppendLogAsync(null, [new IngestionLogEntry { At = time.GetUtcNow(), Channel = channel, Source = Clip(source), Message = Clip(message, 2000) }], options.CurrentValue.IngestionLogSize, ct);

    private async Task<bool> StoreAsync(ApplianceDbContext? shared, StoredReport entity, FailureReportRow? failure, byte[] raw, ReportChannel channel, string source,
        DateTimeOffset now, Func<string, string?> ownerOf, CancellationToken ct)
    {
        await using var own = shared is null ? await dbFactory.CreateDbContextAsync(ct) : null;
        var db = shared ?? own!;
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
            // The same report arrived concurrently by another channel. In a shared transaction EF Core rolled back to
            // its savepoint; the entity must not be inserted again by the next save.
            db.Entry(entity).State = EntityState.Detached;
            return false;
        }
        if (failure is not null)
        {
            failure.StoredReportId = entity.Id;
            db.FailureReports.Add(failure);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    private async Task AppendLogAsync(ApplianceDbContext? shared, List<IngestionLogEntry> entries, int keep, CancellationToken ct)
    {
        await using var own = shared is null ? await dbFactory.CreateDbContextAsync(ct) : null;
        var db = shared ?? own!;
        db.IngestionLog.AddRange(entries);
        await db.SaveChangesAsync(ct);
        var cutoff = await db.IngestionLog.OrderByDescending(e => e.Id).Skip(Math.Max(keep, 1)).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (cutoff is { } id) await db.IngestionLog.Where(e => e.Id <= id).ExecuteDeleteAsync(ct);
    }

    private static string Clip(string s, int max = 500) => s.Length <= max ? s : s[..max];
}
