using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Data;

/// <summary>Used by `dotnet ef` only, so migrations are generated without starting the host (and the engine).</summary>
public sealed class ApplianceDbContextDesignTimeFactory : IDesignTimeDbContextFactory<ApplianceDbContext>
{
    public ApplianceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ApplianceDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
