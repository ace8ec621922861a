using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.Reports;

/// <summary>Used by `dotnet ef` only.</summary>
public sealed class ReportsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<ReportsDbContext>
{
    public ReportsDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<ReportsDbContext>());
}
