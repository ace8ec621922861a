using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.BounceRules;

public sealed class BounceRulesDbContextDesignTimeFactory : IDesignTimeDbContextFactory<BounceRulesDbContext>
{
    public BounceRulesDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<BounceRulesDbContext>());
}
