using System.Threading.Channels;
using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// <see cref="ISuppressionStore"/> over the module's SQLite table. Queued entries (from the engine's event
/// listener) are written by one background loop in batches of up to 500 per transaction, off the delivery path;
/// <see cref="WriteAsync"/> writes at once for callers that must answer only after the entry is durable.
/// </summary>
public sealed class SqliteSuppressionStore(IDbContextFactory<ApplianceDbContext> dbFactory, ILogger<SqliteSuppressionStore> logger)
    : BackgroundService, ISuppressionStore
{
    private const int BatchSize = 500;
    private readonly Channel<SuppressionEntry> _queue = Channel.CreateUnbounded<SuppressionEntry>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(SuppressionEntry entry) => _queue.Writer.TryWrite(entry);

    public async Task WriteAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UpsertAsync(db, entries, cancellationToken);
    }

    /// <summary>Inserts or replaces entries by (address, scope, scope key); returns how many were new.</summary>
    public static async Task<int> UpsertAsync(ApplianceDbContext db, IReadOnlyList<SuppressionEntry> entries, CancellationToken ct)
    {
        var addresses = entries.Select(e => e.Address).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Suppressions.Where(s => addresses.Contains(s.Address)).ToListAsync(ct);
        var byKey = existing.ToDictionary(s => (s.Address, s.Scope, s.ScopeKey));
        var added = 0;
        foreach (var e in entries)
        {
            if (!byKey.TryGetValue((e.Address, e.Scope, e.ScopeKey), out var row))
            {
                row = new SuppressionRecord { Address = e.Address, Scope = e.Scope, ScopeKey = e.ScopeKey };
                db.Suppressions.Add(row);
                byKey[(e.Address, e.Scope, e.ScopeKey)] = row;
                added++;
            }
            row.CopyFrom(e);
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SuppressionEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var e)) batch.Add(e);
                try
                {
                    await WriteAsync(batch, CancellationToken.None);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    SuppressionsLog.WriteFailed(logger, ex, batch.Count);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left.
            while (_queue.Reader.TryRead(out var e)) batch.Add(e);
            if (batch.Count > 0) await WriteAsync(batch, CancellationToken.None);
        }
    }
}
