using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Data;

/// <summary>
/// Start-up step 1 (<see cref="Startup.StartupSteps"/>): applies the EF migrations (core and every module context),
/// encrypts plaintext smart-host passwords, switches the database to WAL and makes sure the engine's default tenant
/// exists. Everything else that runs before the engine starts is a later step of the same list.
/// </summary>
public sealed class ApplianceDatabaseInitializer(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IEnumerable<Modules.IModuleMigrator> modules,
    IOptions<MtaOptions> mtaOptions,
    RoutePasswordUpgrade routePasswords,
    TimeProvider time,
    ILogger<ApplianceDatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // ProtectRoutePasswords' data step: plaintext smart-host passwords become ciphertext before anything reads them.
        await routePasswords.RunAsync(db, cancellationToken);
        // WAL lets the UI read while the API writes; the mode is persistent in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        foreach (var module in modules) await module.MigrateAsync(cancellationToken);
        await EnsureDefaultTenantAsync(db, cancellationToken);
        HostLog.DatabaseReady(logger, db.Database.GetDbConnection().DataSource);
    }

    /// <summary>The migration seeds "default"; a different Appliance:DefaultTenant is created here.</summary>
    private async Task EnsureDefaultTenantAsync(ApplianceDbContext db, CancellationToken cancellationToken)
    {
        var id = mtaOptions.Value.DefaultTenant;
        var existing = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (existing is not null)
        {
            // The migration seeds a fixed date; the tenant really came to be when this database was first started.
            if (existing.CreatedAt == EntityConfigurations.TenantConfiguration.SeedCreatedAt)
            {
                existing.CreatedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
            return;
        }
        db.Tenants.Add(new Tenant { Id = id, Name = id, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        HostLog.DefaultTenantCreated(logger, id);
    }
}
