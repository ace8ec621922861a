using Appliance.Web.Data.Legacy;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Data;

public sealed class MigrationUpgradeTests
{
    [SqliteOnlyFact("0.1.0 databases were SQLite files")]
    public async Task Database_made_by_InitialCreate_keeps_its_data_when_the_app_upgrades_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-upgrade-").FullName;
        var path = Path.Combine(dataDir, "appliance.db");
        try
        {
            // A database as the first release left it: only the InitialCreate migration, one customer tenant.
            await using (var old = new SqliteConnection($"Data Source={path}"))
            {
                await old.OpenAsync();
                await LegacySqliteUpgrade.ApplyLegacyAsync(old, ["20261129201851_InitialCreate"], default);
                await using var history = old.CreateCommand();
                history.CommandText = "SELECT group_concat(MigrationId) FROM __EFMigrationsHistory";
                Assert.Equal("20261129201851_InitialCreate", await history.ExecuteScalarAsync());
                await using var insert = old.CreateCommand();
                insert.CommandText = "INSERT INTO Tenants (Id, Name, DsnEnabled, CreatedAt) VALUES ('acme', 'Acme', 0, 0)";
                await insert.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();

            // The current app starts on it and applies the later migrations.
            using (var app = ApplianceFactory.WithSettings([], dataDir))
            {
                _ = app.Services;
                await using var db = app.CreateDbContext();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                var acme = await db.Tenants.SingleAsync(t => t.Id == "acme");
                Assert.Equal("Acme", acme.Name);
                Assert.False(acme.DsnEnabled);
                // Tables added after InitialCreate exist and work.
                Assert.Equal(0, await db.Settings.CountAsync());
                var audit = app.Services.GetRequiredService<Appliance.Web.Services.IAuditLog>();
                await audit.RecordAsync("system", "test.upgrade", "acme", null, new { ok = true });
                Assert.Equal("test.upgrade", (await db.AuditLog.SingleAsync()).Action);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
