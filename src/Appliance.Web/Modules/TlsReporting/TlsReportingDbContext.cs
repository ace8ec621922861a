using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>The TLS reporting tables: daily outcome counts per policy domain, the policy applied, report deliveries.</summary>
public sealed class TlsReportingDbContext(DbContextOptions<TlsReportingDbContext> options) : ModuleDbContext(options)
{
    public DbSet<TlsOutcomeCount> Outcomes => Set<TlsOutcomeCount>();

    public DbSet<TlsPolicySnapshot> Policies => Set<TlsPolicySnapshot>();

    public DbSet<TlsReportDelivery> Deliveries => Set<TlsReportDelivery>();
}
