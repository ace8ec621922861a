using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Appliance.Web.Data.Legacy;
using Appliance.Web.Data.Storage;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Appliance.Web.Data;

/// <summary>
/// Start-up step 1 (<see cref="Startup.StartupSteps"/>): converts a 0.1.0 SQLite file to the one migration
/// stream, applies the EF migrations (SQLite or PostgreSQL),
/// encrypts plaintext smart-host passwords, switches the database to WAL and makes sure the engine's default tenant
/// exists. Everything else that runs before the engine starts is a later step of the same list.
/// </summary>
public sealed partial class ApplianceDatabaseInitializer(
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
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // A 0.1.0 file (eight migration histories) joins the one stream first; its tables and rows stay as they are.
            var legacy = await LegacySqliteUpgrade.RunAsync(db, cancellationToken);
            if (legacy.Converted) LogLegacyConverted(logger, legacy.AppliedLegacyMigrations);
        }
        else if (db.Provider == DatabaseProvider.PostgreSql)
        {
            await PreparePostgreSqlAsync(db, cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        // ProtectRoutePasswords' data step: plaintext smart-host passwords become ciphertext before anything reads them.
        await routePasswords.RunAsync(db, cancellationToken);
        // WAL lets the UI read while the API writes; the mode is persistent in the file.
        if (db.Provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        foreach (var module in modules) await module.MigrateAsync(cancellationToken);
        await EnsureDefaultTenantAsync(db, cancellationToken);
        HostLog.DatabaseReady(logger, db.Database.GetDbConnection().DataSource);
    }

    /// <summary>
    /// A first start on an empty server: EF's migrator finds a missing database by opening a connection to it, which
    /// EF logs as an error ("fail: ...Database.Connection[20004]") on every first start. Here the database is asked for
    /// without EF's logging (3D000 "database does not exist") and created through EF's creator (on the maintenance
    /// database), so MigrateAsync finds it; any other connection failure is left to MigrateAsync to report. (Npgsql's
    /// history repository still logs its first select of the missing history table, npgsql/efcore.pg#3407.)
    /// </summary>
    private async Task PreparePostgreSqlAsync(ApplianceDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(db.Database.GetConnectionString());
            await probe.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
            LogPostgreSqlDatabaseCreated(logger, db.Database.GetDbConnection().Database);
        }
        catch (NpgsqlException)
        {
            // Unreachable or refused: MigrateAsync reports it.
        }
    }

    [LoggerMessage(3621, LogLevel.Information, "Created the PostgreSQL database {Database} (it did not exist yet)")]
    private static partial void LogPostgreSqlDatabaseCreated(ILogger logger, string database);

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
        HostLog.DefaultTenantCreated(logger, id);
    }
}
