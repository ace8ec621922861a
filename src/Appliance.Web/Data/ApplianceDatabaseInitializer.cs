using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Data;

/// <summary>
/// Runs before the engine's hosted service (it is registered first): applies EF migrations, switches the database
/// to WAL, makes sure the engine's default tenant exists, provisions the bootstrap admin and API key, and loads the
/// route and tenant snapshots the engine reads.
/// </summary>
public sealed class ApplianceDatabaseInitializer(
    IServiceProvider services,
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IEnumerable<Modules.IModuleMigrator> modules,
    IOptions<MtaOptions> mtaOptions,
    EfRouteTable routeTable,
    RoutePasswordUpgrade routePasswords,
    EfTenantDirectory tenantDirectory,
    ApplianceStartupState state,
    HostnameSetting hostname,
    Services.EngineSettings.EngineSettingsService engineSettings,
    TimeProvider time,
    ILogger<ApplianceDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            // ProtectRoutePasswords' data step: plaintext smart-host passwords become ciphertext before anything reads them.
            await routePasswords.RunAsync(db, cancellationToken);
            // WAL lets the UI read while the API writes; the mode is persistent in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            foreach (var module in modules) await module.MigrateAsync(cancellationToken);
            await EnsureDefaultTenantAsync(db, cancellationToken);
            // The hostname stored by the setup wizard wins over configuration, before the engine starts.
            await hostname.ApplyStoredAsync(cancellationToken);
            await engineSettings.ApplyStoredAsync(cancellationToken);
            HostLog.DatabaseReady(logger, db.Database.GetDbConnection().DataSource);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BootstrapProvisioner>().RunAsync(cancellationToken);
        }

        await routeTable.ReloadAsync(cancellationToken);
        await tenantDirectory.ReloadAsync(cancellationToken);
        state.MarkDatabaseReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
