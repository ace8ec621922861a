using System.Text.Json;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// <see cref="IAuditLog"/> over the AuditLog table of the appliance database. Services record a change with
/// <c>SaveChangesAsync</c> or <see cref="Add"/>, in the same transaction as the change; <see cref="RecordAsync"/>
/// is for actions that change no row of this database (queue operations, certificates on disk).
/// </summary>
public sealed class AuditLog(IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time) : IAuditLog
{
    public const int MaxPageSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, actor, action, target, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Add(ApplianceDbContext db, string actor, string action, string target, object? before, object? after)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditLog.Add(new AuditEntry
        {
            Timestamp = time.GetUtcNow(),
            Actor = Truncate(actor, 256),
            Action = Truncate(action, 64),
            Target = Truncate(target, 512),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }

    public Task SaveChangesAsync(ApplianceDbContext db, string actor, string action, string target, object? before, Func<object?> after, CancellationToken cancellationToken = default) =>
        SaveChangesAsync(db, actor, action, () => target, before, after, cancellationToken);

    public async Task SaveChangesAsync(ApplianceDbContext db, string actor, string action, Func<string> target, object? before, Func<object?> after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(after);
        // Joins the caller's transaction when there is one; otherwise both saves commit (or roll back) together here.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        Add(db, actor, action, target(), before, after());
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(int skip, int take, string? search = null, CancellationToken cancellationToken = default)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(a => a.Actor.Contains(s) || a.Action.Contains(s) || a.Target.Contains(s));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (items, total);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
