using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Domains;

/// <summary>The domains module's tables: sending domains, DKIM keys, tenant sending policies, DNS check history.</summary>
public sealed class DomainsDbContext(DbContextOptions<DomainsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<SendingDomain> Domains => Set<SendingDomain>();

    public DbSet<DkimKey> DkimKeys => Set<DkimKey>();

    public DbSet<TenantSendingPolicy> TenantPolicies => Set<TenantSendingPolicy>();

    public DbSet<DomainCheckRun> CheckRuns => Set<DomainCheckRun>();
}
