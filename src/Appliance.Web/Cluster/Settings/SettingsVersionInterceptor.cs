using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Cluster mode's one hook on every settings write: a SaveChanges that touches an area (<see cref="SettingsAreaMap"/>)
/// bumps that area's <see cref="SettingsVersion"/> row in the same transaction (one is opened when the caller has
/// none), and once the transaction commits a <see cref="ClusterNotice"/> goes out. A rolled-back change bumps nothing
/// and tells no one. Registered only when cluster mode is on.
/// </summary>
public sealed class SettingsVersionInterceptor(IClusterNotices notices, IOptions<ClusterOptions> options)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Begin(db) is { } pending && db.Database.CurrentTransaction is null)
            pending.Own = await db.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Begin(db) is { } pending && db.Database.CurrentTransaction is null)
            pending.Own = db.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending) || pending.ToBump.Count == 0) return result;
        var areas = Names(pending.ToBump);
        pending.ToBump.Clear();
        await db.Set<SettingsVersion>().Where(v => areas.Contains(v.Area))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        foreach (var v in await db.Set<SettingsVersion>().AsNoTracking().Where(v => areas.Contains(v.Area)).ToListAsync(cancellationToken))
            pending.Bumped[v.Area] = v.Version;
        if (pending.Own is { } own)
        {
            pending.Own = null;
            await using (own) await own.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending) || pending.ToBump.Count == 0) return result;
        var areas = Names(pending.ToBump);
        pending.ToBump.Clear();
        db.Set<SettingsVersion>().Where(v => areas.Contains(v.Area)).ExecuteUpdate(s => s.SetProperty(v => v.Version, v => v.Version + 1));
        foreach (var v in db.Set<SettingsVersion>().AsNoTracking().Where(v => areas.Contains(v.Area)).ToList())
            pending.Bumped[v.Area] = v.Version;
        if (pending.Own is { } own)
        {
            pending.Own = null;
            using (own) own.Commit();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending) && pending.Own is { } own)
        {
            pending.Own = null;
            await using (own) await own.RollbackAsync(cancellationToken);
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending) && pending.Own is { } own)
        {
            pending.Own = null;
            using (own) own.Rollback();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending)) return;
        _pending.Remove(db);
        var node = options.Value.EffectiveNodeName;
        foreach (var (area, version) in pending.Bumped)
            _ = notices.PublishAsync(new ClusterNotice(Enum.Parse<SettingsArea>(area), version, node));
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
    }

    /// <summary>Notes the areas of the pending changes; null when the save touches no area.</summary>
    private Pending? Begin(DbContext db)
    {
        var areas = SettingsAreaMap.AreasOf(db.ChangeTracker);
        if (areas.Count == 0) return null;
        var pending = _pending.GetOrCreateValue(db);
        pending.ToBump.UnionWith(areas);
        return pending;
    }

    private static List<string> Names(HashSet<SettingsArea> areas) => [.. areas.Select(a => a.ToString())];

    private sealed class Pending
    {
        public HashSet<SettingsArea> ToBump { get; } = [];
        public Dictionary<string, long> Bumped { get; } = new(StringComparer.Ordinal);
        public IDbContextTransaction? Own { get; set; }
    }
}
