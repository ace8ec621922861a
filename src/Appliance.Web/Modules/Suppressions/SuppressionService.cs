using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Appliance.Web.Services;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Suppression management for the API, the page and the CLI: search with server-side paging, add, remove, CSV
/// import (validation report) and export. Every change goes to SQLite and the engine's index and is audited.
/// <c>restrictTenant</c> (a tenant-scoped API key) limits everything to that tenant's tenant-scope entries.
/// </summary>
public sealed class SuppressionService(IDbContextFactory<ApplianceDbContext> dbFactory, SuppressionList list, IAuditLog audit)
{
    public const int MaxTake = 500;
    private const int ImportBatch = 1000;

    public async Task<SuppressionPage> SearchAsync(SuppressionFilter filter, string? restrictTenant = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filtered(db, filter, restrictTenant);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, MaxTake)).ToListAsync(ct);
        return new SuppressionPage(rows.Select(SuppressionNames.ToDto).ToList(), total);
    }

    public async Task<ServiceResult<SuppressionDto>> AddAsync(AddSuppressionRequest request, string actor, string? restrictTenant = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var entry = Validate(request.Address, request.Reason, request.Scope, request.ScopeKey, restrictTenant, "manual", (f, m) => errors.Add(f, m));
        if (entry is null) return errors.ToResult<SuppressionDto>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        SuppressionDto dto;
        // The row and its audit row in one transaction; the engine's index learns the entry only once both are stored.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await SqliteSuppressionStore.UpsertAsync(db, [entry], ct);
            var row = await db.Suppressions.AsNoTracking().FirstAsync(s => s.Address == entry.Address && s.Scope == entry.Scope && s.ScopeKey == entry.ScopeKey, ct);
            dto = SuppressionNames.ToDto(row);
            audit.Add(db, actor, "suppression.add", $"{dto.Scope}:{dto.ScopeKey}:{dto.Address}", null, dto);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        list.Index.Set(entry);
        return ServiceResult<SuppressionDto>.Ok(dto);
    }

    public async Task<ServiceResult<bool>> RemoveAsync(string? address, string? scope, string? scopeKey, string actor, string? restrictTenant = null, CancellationToken ct = default)
    {
        var normalized = list.Normalizer.Normalize(address);
        if (normalized is null) return ServiceResult<bool>.Invalid("address", $"'{address}' is not a valid address.");
        var sc = SuppressionScope.Global;
        if (scope is not null && !SuppressionNames.TryParse(scope, out sc)) return ServiceResult<bool>.Invalid("scope", "The scope must be global, tenant or senderDomain.");
        if (scope is null && restrictTenant is not null) sc = SuppressionScope.Tenant;
        var key = sc switch { SuppressionScope.Global => "", SuppressionScope.SenderDomain => AddressNormalizer.NormalizeDomain(scopeKey) ?? "", _ => restrictTenant ?? scopeKey?.Trim() ?? "" };
        if (restrictTenant is not null && (sc != SuppressionScope.Tenant || key != restrictTenant))
            return ServiceResult<bool>.NotFound($"No suppression of '{normalized}' for this tenant.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Suppressions.AsNoTracking().FirstOrDefaultAsync(s => s.Address == normalized && s.Scope == sc && s.ScopeKey == key, ct);
        if (row is null) return ServiceResult<bool>.NotFound($"No {SuppressionNames.Of(sc)} suppression of '{normalized}'{(key.Length > 0 ? $" for '{key}'" : "")}.");
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Suppressions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(ct);
            audit.Add(db, actor, "suppression.remove", $"{SuppressionNames.Of(sc)}:{key}:{normalized}", SuppressionNames.ToDto(row), null);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        list.Index.Remove(normalized, sc, key);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>
    /// Imports CSV lines: reads and validates the whole input first (<paramref name="progress"/> gets the number of
    /// lines read so far), then writes the entries in batches and the import's audit row in one transaction (all of
    /// it is stored, or nothing; the write lock is held for the writes only, not while the input arrives). The
    /// engine's index learns the entries after the commit.
    /// </summary>
    public async Task<SuppressionImportReport> ImportAsync(TextReader reader, string actor, string? restrictTenant = null,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var errors = new List<SuppressionImportError>();
        var entries = new List<SuppressionEntry>();
        int lineNo = 0, rejected = 0;
        int reported = 0;
        await foreach (var record in SuppressionCsv.ReadAsync(reader, ct))
        {
            lineNo = record.Line;
            var error = record.Error;
            var fields = record.Fields;
            var entry = error is not null ? null
                : Validate(At(fields, 0), At(fields, 1), At(fields, 2), At(fields, 3), restrictTenant, "import", (_, m) => error ??= m);
            if (entry is null)
            {
                rejected++;
                var line = record.Text;
                if (errors.Count < 1000) errors.Add(new SuppressionImportError(record.Line, line.Length > 200 ? line[..200] : line, error ?? "Invalid line."));
                continue;
            }
            entries.Add(entry);
            if (lineNo - reported >= 500) progress?.Report(reported = lineNo);
        }
        progress?.Report(lineNo);
        var imported = entries.Count;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var batch in entries.Chunk(ImportBatch))
            {
                await SqliteSuppressionStore.UpsertAsync(db, batch, ct);
                db.ChangeTracker.Clear();
            }
            audit.Add(db, actor, "suppression.import", restrictTenant ?? "all", null, new { imported, rejected });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        foreach (var e in entries) list.Index.Set(e);
        return new SuppressionImportReport(imported, rejected, errors);
    }

    public async Task ExportAsync(TextWriter writer, string? restrictTenant = null, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(writer, SuppressionCsv.WriterOptions, leaveOpen: true);
        SuppressionCsv.WriteHeader(csv);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filtered(db, new SuppressionFilter(), restrictTenant).OrderBy(s => s.Id);
        await foreach (var row in q.AsAsyncEnumerable().WithCancellation(ct))
        {
            SuppressionCsv.WriteFields(csv, SuppressionNames.ToDto(row));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static string? At(string[] fields, int i) => i < fields.Length && fields[i].Length > 0 ? fields[i] : null;

    private SuppressionEntry? Validate(string? address, string? reason, string? scope, string? scopeKey, string? restrictTenant, string source, Action<string, string> error)
    {
        var ok = true;
        if (list.Normalizer.Normalize(address) is null) { error("address", $"'{address}' is not a valid address."); ok = false; }
        var r = SuppressionReason.Manual;
        if (reason is not null && !SuppressionNames.TryParse(reason, out r)) { error("reason", $"Unknown reason '{reason}' (hardBounce, softBounce, complaint, unsubscribe, manual, spamTrap)."); ok = false; }
        var sc = restrictTenant is null ? SuppressionScope.Global : SuppressionScope.Tenant;
        if (scope is not null && !SuppressionNames.TryParse(scope, out sc)) { error("scope", $"Unknown scope '{scope}' (global, tenant, senderDomain)."); ok = false; }
        var key = sc == SuppressionScope.Tenant ? scopeKey ?? restrictTenant : scopeKey;
        if (restrictTenant is not null && (sc != SuppressionScope.Tenant || key != restrictTenant)) { error("scope", $"This API key may only add tenant-scope entries for '{restrictTenant}'."); ok = false; }
        if (ok && sc != SuppressionScope.Global && string.IsNullOrWhiteSpace(key)) { error("scopeKey", "A tenant or sender-domain scope needs its tenant id or domain."); ok = false; }
        if (!ok) return null;
        var entry = list.Create(address!, sc, key?.Trim(), r, source);
        if (entry is null) error("scopeKey", $"'{key}' is not a valid domain.");
        return entry;
    }

    private static IQueryable<SuppressionRecord> Filtered(ApplianceDbContext db, SuppressionFilter f, string? restrictTenant)
    {
        var q = db.Suppressions.AsNoTracking();
        if (restrictTenant is not null) q = q.Where(s => s.Scope == SuppressionScope.Tenant && s.ScopeKey == restrictTenant);
        if (!string.IsNullOrWhiteSpace(f.Search)) { var term = f.Search.Trim().ToLowerInvariant(); q = q.Where(s => s.Address.Contains(term)); }
        if (SuppressionNames.TryParse<SuppressionScope>(f.Scope, out var scope)) q = q.Where(s => s.Scope == scope);
        if (!string.IsNullOrWhiteSpace(f.ScopeKey)) q = q.Where(s => s.ScopeKey == f.ScopeKey.Trim());
        if (SuppressionNames.TryParse<SuppressionReason>(f.Reason, out var reason)) q = q.Where(s => s.Reason == reason);
        return q;
    }
}
