using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>The bounce rules module's table in <see cref="ApplianceDbContext"/> (configured by <see cref="BounceRulesModel"/>).</summary>
public static class BounceRulesTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<BounceRuleRecord> Rules => db.Set<BounceRuleRecord>();
    }
}
