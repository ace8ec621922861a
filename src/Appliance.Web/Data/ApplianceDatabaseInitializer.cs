using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Appliance.Web.Data.Legacy;
using Appliance.Web.Data.Storage;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Data;

/// <summary>
/// Runs before the engine's hosted service (it is registered first): converts a 0.1.0 SQLite file to the one
/// migration stream, applies EF migrations (SQLite or PostgreSQL), switches SQLite to WAL, makes sure the engine's default tenant exists, provisions the bootstrap admin and API key, and loads the
/// route and tenant snapshots the engine reads.
/// </summary>
public sealed partial class ApplianceDatabaseInitializer(
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
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // A 0.1.0 file (eight migration histories) joins the one stream first; its tables and rows stay as they are.
                var legacy = await LegacySqliteUpgrade.RunAsync(db, cancellationToken);
                if (legacy.Converted) LogLegacyConverted(logger, legacy.AppliedLegacyMigrations);
            }
            await db.Database.MigrateAsync(cancellationToken);
            // ProtectRoutePasswords' data step: plaintext smart-host passwords become ciphertext before anything reads them.
            await routePasswords.RunAsync(db, cancellationToken);
            // WAL lets the UI read while the API writes; the mode is persistent in the file.
            if (db.Provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            foreach (var module in modules) await module.MigrateAsync(cancellationToken);
            await EnsureDefaultTenantAsync(db, cancellationToken);
            // The hostname stored by the setup wizard wins over configuration, before the engine starts.
            await hostname.ApplyStoredAsync(cancellationToken);
            await engineSettings.ApplyStoredAsync(cancellationToken);
            logger.LogInformation("Settings database ready at {Path}", db.Database.GetDbConnection().DataSource);
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

    [LoggerMessage(3620, LogLevel.Information, "Converted a 0.1.0 database to the single migration stream ({Missing} of its migrations were still to apply)")]
    private static partial void LogLegacyConverted(ILogger logger, int missing);

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
        logger.LogInformation("Created default tenant {TenantId}", id);
    }
}
