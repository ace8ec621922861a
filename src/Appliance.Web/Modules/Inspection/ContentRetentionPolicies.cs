using System.Collections.Frozen;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// The tenants' retention settings in memory, so the acceptance hook decides with one dictionary look-up (no database
/// on the reception path). Loaded at start; replaced when a setting changes.
/// </summary>
public sealed class ContentRetentionPolicies(IDbContextFactory<ApplianceDbContext> dbFactory)
{
    private volatile FrozenDictionary<string, RetentionPolicy> _policies = FrozenDictionary<string, RetentionPolicy>.Empty;

    /// <summary>The tenant's policy, or null (retention off, nothing kept).</summary>
    public RetentionPolicy? Find(string tenantId) => _policies.GetValueOrDefault(tenantId);

    /// <summary>True when the tenant keeps content now.</summary>
    public bool IsOn(string tenantId) => Find(tenantId) is { Enabled: true };

    /// <summary>Every tenant with a stored setting (on or off).</summary>
    public IReadOnlyDictionary<string, RetentionPolicy> All => _policies;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ContentRetentionSettings>().AsNoTracking().ToListAsync(cancellationToken);
        _policies = rows.ToFrozenDictionary(r => r.TenantId, RetentionPolicy.From, StringComparer.Ordinal);
    }
}
