using Appliance.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>
/// The host's settings database ({DataDir}/appliance.db, SQLite in WAL mode): Identity users and roles,
/// tenants, SMTP credentials, API keys, routes, settings and the audit log. Engine runtime state (spool, queues) is not here.
/// </summary>
public sealed class ApplianceDbContext(DbContextOptions<ApplianceDbContext> options)
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Only the core configurations: feature modules (Data.Modules.*) configure their own contexts.
        builder.ApplyConfigurationsFromAssembly(typeof(ApplianceDbContext).Assembly,
            t => t.Namespace == typeof(Entities.Tenant).Namespace || t.Namespace == typeof(EntityConfigurations.TenantConfiguration).Namespace);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text reliably; store it as a sortable 64-bit integer.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
