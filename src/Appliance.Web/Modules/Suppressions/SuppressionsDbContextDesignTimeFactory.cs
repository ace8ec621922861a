using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.Suppressions;

public sealed class SuppressionsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SuppressionsDbContext>
{
    public SuppressionsDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<SuppressionsDbContext>());
}
