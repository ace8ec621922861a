using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>Used by `dotnet ef` only.</summary>
public sealed class TlsReportingDbContextDesignTimeFactory : IDesignTimeDbContextFactory<TlsReportingDbContext>
{
    public TlsReportingDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<TlsReportingDbContext>());
}
