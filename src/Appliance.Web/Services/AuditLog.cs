using System.Text.Json;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary><see cref="IAuditLog"/> over the AuditLog table of the settings database.</summary>
public sealed class AuditLog(IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time) : IAuditLog
{
    public const int MaxPageSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            Timestamp = time.GetUtcNow(),
            Actor = Truncate(actor, 256),
            Action = Truncate(action, 64),
            Target = Truncate(target, 512),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
        await db.SaveChangesAsync(cancellationToken);
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
