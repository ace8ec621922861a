using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>The suppressions module's tables in <see cref="ApplianceDbContext"/> (configured by <see cref="SuppressionsModel"/>).</summary>
public static class SuppressionsTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<SuppressionRecord> Suppressions => db.Set<SuppressionRecord>();

        public DbSet<TenantFeedbackSettingsRecord> TenantFeedbackSettings => db.Set<TenantFeedbackSettingsRecord>();
    }
}
