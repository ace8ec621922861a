using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>The suppressions module's tables: suppressions and per-tenant feedback settings.</summary>
public sealed class SuppressionsDbContext(DbContextOptions<SuppressionsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<SuppressionRecord> Suppressions => Set<SuppressionRecord>();

    public DbSet<TenantFeedbackSettingsRecord> TenantFeedbackSettings => Set<TenantFeedbackSettingsRecord>();
}
