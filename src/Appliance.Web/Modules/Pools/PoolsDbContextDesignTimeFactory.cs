using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.Pools;

public sealed class PoolsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PoolsDbContext>
{
    public PoolsDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<PoolsDbContext>());
}
