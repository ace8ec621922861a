using Appliance.Web.Data.Entities;
using Appliance.Web.Data.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>
/// The host's one database: Identity users and roles, tenants, SMTP credentials, API keys, routes, settings and the
/// audit log (configured here), plus every feature module's tables, which each module contributes through its
/// <see cref="ModuleModel"/> (see <see cref="ModuleModels"/>). Engine runtime state (spool, queues) is not here.
/// The concrete type is per provider (<see cref="SqliteApplianceDbContext"/>, <see cref="PostgreSqlApplianceDbContext"/>)
/// so each provider has its own migration stream; code depends on this type only.
/// </summary>
public abstract class ApplianceDbContext(DbContextOptions options)
    : IdentityDbContext<ApplianceUser, IdentityRole, string>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<SmtpCredentialEntity> SmtpCredentials => Set<SmtpCredentialEntity>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RouteEntry> Routes => Set<RouteEntry>();

    public DbSet<Setting> Settings => Set<Setting>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Per-minute message counts of tenants with limits (sliding windows that survive restarts).</summary>
    public DbSet<Services.TenantLimits.TenantUsageBucket> TenantUsageBuckets => Set<Services.TenantLimits.TenantUsageBucket>();

    /// <summary>Calendar quota counters (month, sending domain per day) that survive restarts.</summary>
    public DbSet<Services.TenantLimits.TenantQuotaCounter> TenantQuotaCounters => Set<Services.TenantLimits.TenantQuotaCounter>();

    /// <summary>Metered daily usage per tenant and sending domain (kept 400 days).</summary>
    public DbSet<Services.TenantMetering.TenantDailyUsage> TenantDailyUsage => Set<Services.TenantMetering.TenantDailyUsage>();

    /// <summary>The provider this context's model and migrations are for.</summary>
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The core configurations; feature modules contribute theirs below.
        builder.ApplyConfigurationsFromAssembly(typeof(ApplianceDbContext).Assembly,
            t => t.Namespace == typeof(Entities.Tenant).Namespace || t.Namespace == typeof(EntityConfigurations.TenantConfiguration).Namespace);
        foreach (var module in ModuleModels.All) module.Configure(builder);
        ProviderModel.Apply(builder, Provider);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text reliably; store it as a sortable 64-bit integer
        // (on PostgreSQL too, so both providers hold the same values and queries behave alike).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
