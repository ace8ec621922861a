using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Appliance.Web.Modules.Suppressions;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Brings another node's suppression changes into this node's engine index. Additions (the usual case, also every
/// bounce-made entry) are read incrementally: rows with an id above the highest seen, or written (upserted) in the
/// last <see cref="Overlap"/>; a removal rebuilds the index from the table (rare: an administrator's action).
/// </summary>
public sealed class SuppressionSync(IDbContextFactory<ApplianceDbContext> dbFactory, SuppressionIndex index, TimeProvider time)
{
    /// <summary>How far back upserted rows are re-read: covers commit delays and clock skew between nodes.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _maxId;
    private DateTimeOffset _since = DateTimeOffset.MinValue;

    /// <summary>Notes where the table is now (before the start-up load, so nothing falls between the two).</summary>
    public async Task MarkAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _since = time.GetUtcNow();
        _maxId = await db.Suppressions.MaxAsync(s => (long?)s.Id, ct) ?? 0;
    }

    public async Task ReadNewAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var started = time.GetUtcNow();
            var since = _since - Overlap;
            var maxId = _maxId;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Suppressions.AsNoTracking().Where(s => s.Id > maxId || s.CreatedAt >= since).ToListAsync(ct);
            foreach (var row in rows)
            {
                var entry = row.ToEntry();
                if (entry.IsActiveAt(started)) index.Set(entry);
                if (row.Id > _maxId) _maxId = row.Id;
            }
            _since = started;
        }
        finally { _gate.Release(); }
    }

    public async Task RebuildAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var entries = new List<SuppressionEntry>();
            long maxId = 0;
            await foreach (var row in db.Suppressions.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                maxId = Math.Max(maxId, row.Id);
                var entry = row.ToEntry();
                if (entry.IsActiveAt(now)) entries.Add(entry);
            }
            index.ReplaceAll(entries);
            _maxId = Math.Max(_maxId, maxId);
            _since = now;
        }
        finally { _gate.Release(); }
    }
}
