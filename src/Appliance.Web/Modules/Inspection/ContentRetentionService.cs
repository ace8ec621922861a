using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// Reads and changes a tenant's content retention (API and Tenants page): validated, saved with its audit row
/// (<c>tenant.retention</c>) in one transaction, then published to the in-memory policies the acceptance hook reads.
/// </summary>
public sealed class ContentRetentionService(IDbContextFactory<ApplianceDbContext> dbFactory, IAuditLog audit, ContentRetentionPolicies policies,
    MessageContentStore store, TimeProvider time)
{
    /// <summary>The tenant's settings (the defaults, off, when it never had any); not found for an unknown tenant.</summary>
    public async Task<ServiceResult<ContentRetentionView>> GetAsync(string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<ContentRetentionView>.NotFound($"Tenant '{tenantId}' does not exist.");
        var row = await db.Set<ContentRetentionSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, ct);
        return ServiceResult<ContentRetentionView>.Ok(ToView(row ?? new ContentRetentionSettings { TenantId = tenantId }));
    }

    /// <summary>Replaces the tenant's settings; days and budget default when null.</summary>
    public async Task<ServiceResult<ContentRetentionView>> UpdateAsync(string tenantId, ContentRetentionRequest request, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var days = request.Days ?? ContentRetentionRules.DefaultDays;
        var budget = request.BudgetMegabytes ?? ContentRetentionRules.DefaultBudgetMegabytes;
        var errors = ContentRetentionRules.Validate(days, budget);
        if (errors.Count > 0) return ServiceResult<ContentRetentionView>.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<ContentRetentionView>.NotFound($"Tenant '{tenantId}' does not exist.");
        var row = await db.Set<ContentRetentionSettings>().FirstOrDefaultAsync(s => s.TenantId == tenantId, ct);
        var before = row is null ? null : Audited(row);
        if (row is null)
        {
            row = new ContentRetentionSettings { TenantId = tenantId };
            db.Add(row);
        }
        row.Enabled = request.Enabled;
        row.Days = days;
        row.BudgetMegabytes = budget;
        row.UpdatedAt = time.GetUtcNow();
        await audit.SaveChangesAsync(db, actor, "tenant.retention", tenantId, before, () => Audited(row), ct);
        await policies.LoadAsync(ct);
        return ServiceResult<ContentRetentionView>.Ok(ToView(row));
    }

    private static object Audited(ContentRetentionSettings s) => new { s.Enabled, s.Days, s.BudgetMegabytes };

    private ContentRetentionView ToView(ContentRetentionSettings s) => new(s.TenantId, s.Enabled, s.Days, s.BudgetMegabytes, store.UsageOf(s.TenantId));
}
