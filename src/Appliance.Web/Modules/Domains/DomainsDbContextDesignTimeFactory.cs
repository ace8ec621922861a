using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.Domains;

/// <summary>Used by `dotnet ef` only.</summary>
public sealed class DomainsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<DomainsDbContext>
{
    public DomainsDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<DomainsDbContext>());
}
