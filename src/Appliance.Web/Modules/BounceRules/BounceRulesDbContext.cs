using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>The bounce rules module's table: custom rules layered over the shipped rules file.</summary>
public sealed class BounceRulesDbContext(DbContextOptions<BounceRulesDbContext> options) : ModuleDbContext(options)
{
    public DbSet<BounceRuleRecord> Rules => Set<BounceRuleRecord>();
}
