using System.Collections.Frozen;
using Appliance.Mta.Security;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Engine;

/// <summary>
/// <see cref="ITenantDirectory"/> as an in-memory snapshot of the Tenants table, loaded at start and reloaded by
/// the API after each change. Unknown tenants get the defaults (DSNs on).
/// </summary>
public sealed class EfTenantDirectory(IDbContextFactory<ApplianceDbContext> dbFactory) : ITenantDirectory
{
    private volatile FrozenDictionary<string, bool> _dsnEnabled = FrozenDictionary<string, bool>.Empty;

    public bool DsnEnabled(string tenantId) => !_dsnEnabled.TryGetValue(tenantId, out var enabled) || enabled;

    /// <summary>True when the tenant exists in the current snapshot.</summary>
    public bool Exists(string tenantId) => _dsnEnabled.ContainsKey(tenantId);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.DsnEnabled }).ToListAsync(cancellationToken);
        _dsnEnabled = rows.ToFrozenDictionary(t => t.Id, t => t.DsnEnabled, StringComparer.Ordinal);
    }
}
