using Appliance.Web.Data;
using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>The TLS reporting tables in <see cref="ApplianceDbContext"/> (configured by <see cref="TlsReportingModel"/>).</summary>
public static class TlsReportingTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<TlsOutcomeCount> Outcomes => db.Set<TlsOutcomeCount>();

        public DbSet<TlsPolicySnapshot> Policies => db.Set<TlsPolicySnapshot>();

        public DbSet<TlsReportDelivery> TlsReportDeliveries => db.Set<TlsReportDelivery>();
    }
}
