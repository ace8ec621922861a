using Appliance.Web.Data;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools;

/// <summary>The pools module's tables in <see cref="ApplianceDbContext"/> (configured by <see cref="PoolsModel"/>).</summary>
public static class PoolsTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<EgressSourceRecord> Sources => db.Set<EgressSourceRecord>();
        public DbSet<EgressPoolRecord> Pools => db.Set<EgressPoolRecord>();
        public DbSet<EgressPoolMemberRecord> PoolMembers => db.Set<EgressPoolMemberRecord>();
        public DbSet<PoolAssignmentRecord> Assignments => db.Set<PoolAssignmentRecord>();
        public DbSet<EgressSettingsRecord> EgressSettings => db.Set<EgressSettingsRecord>();
        public DbSet<ShapingOverrideRecord> ShapingOverrides => db.Set<ShapingOverrideRecord>();
        public DbSet<WarmupPlanRecord> WarmupPlans => db.Set<WarmupPlanRecord>();
        public DbSet<WarmupAttachmentRecord> WarmupAttachments => db.Set<WarmupAttachmentRecord>();
        public DbSet<WarmupDayRecord> WarmupDays => db.Set<WarmupDayRecord>();
    }
}
