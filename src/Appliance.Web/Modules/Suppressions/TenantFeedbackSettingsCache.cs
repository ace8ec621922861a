using System.Collections.Frozen;
using Appliance.Mta.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The engine's view of the per-tenant settings: an immutable snapshot swapped on every change, so the RCPT path
/// reads without locks.
/// </summary>
public sealed class TenantFeedbackSettingsCache(IDbContextFactory<SuppressionsDbContext> dbFactory) : ITenantFeedbackSettingsSource
{
    private volatile Snapshot _snapshot = new(FrozenDictionary<string, TenantFeedbackSettings>.Empty, FrozenDictionary<string, string>.Empty);

    public TenantFeedbackSettings For(string tenantId) =>
        _snapshot.Tenants.TryGetValue(tenantId, out var s) ? s : TenantFeedbackSettings.Default;

    public IReadOnlyDictionary<string, string> ReturnPathDomains => _snapshot.ReturnPathDomains;

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TenantFeedbackSettings.AsNoTracking().ToListAsync(ct);
        _snapshot = new Snapshot(
            rows.ToFrozenDictionary(r => r.TenantId, r => r.ToSettings(), StringComparer.Ordinal),
            rows.Where(r => r.ReturnPathDomain is not null).ToFrozenDictionary(r => r.ReturnPathDomain!, r => r.TenantId, StringComparer.Ordinal));
    }

    private sealed record Snapshot(FrozenDictionary<string, TenantFeedbackSettings> Tenants, FrozenDictionary<string, string> ReturnPathDomains);
}
