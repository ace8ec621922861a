using Appliance.Web.Data;
using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Domains;

/// <summary>The domains module's tables in <see cref="ApplianceDbContext"/> (configured by <see cref="DomainsModel"/>).</summary>
public static class DomainsTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<SendingDomain> Domains => db.Set<SendingDomain>();

        public DbSet<DkimKey> DkimKeys => db.Set<DkimKey>();

        public DbSet<TenantSendingPolicy> TenantPolicies => db.Set<TenantSendingPolicy>();

        public DbSet<DomainCheckRun> CheckRuns => db.Set<DomainCheckRun>();
    }
}
