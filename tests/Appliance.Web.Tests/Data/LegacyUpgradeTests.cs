using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Data.Legacy;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Data;

/// <summary>
/// A database made by 0.1.0 (Fixtures/Legacy010: eight migration histories, a row in every table) upgrades in place
/// to the one migration stream: every row stays, the old histories are gone, and the app works on it.
/// SQLite only: the fixture is a SQLite file.
/// </summary>
public sealed class LegacyUpgradeTests
{
    private const string FixtureApiKey = "fixture-bootstrap-api-key-0123456789";

    [SqliteOnlyFact("0.1.0 databases were SQLite files")]
    public async Task A_010_database_keeps_every_row_and_the_app_works_on_it()
    {
        var dataDir = CopyFixture();
        var path = Path.Combine(dataDir, "appliance.db");
        try
        {
            var before = await RowCountsAsync(path);
            Assert.Contains("__EFMigrationsHistory_Domains", before.Keys);
            // The fixture has data in every table of every module (the history lock table and Identity's unused ones aside).
            Assert.All(before.Where(t => !t.Key.StartsWith("AspNetUser", StringComparison.Ordinal) && t.Key != "AspNetRoleClaims" && t.Key != "__EFMigrationsLock"),
                t => Assert.True(t.Value > 0, t.Key + " is empty in the fixture"));

            using (var app = ApplianceFactory.WithSettings([], dataDir))
            {
                _ = app.Services;
                await using (var db = app.CreateDbContext())
                {
                    Assert.Equal([LegacySqliteUpgrade.BaselineMigrationId], (await db.Database.GetAppliedMigrationsAsync()).Take(1).ToList());
                    Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                }
                var after = await RowCountsAsync(path);
                foreach (var (table, count) in before)
                {
                    if (table.StartsWith("__EFMigrationsHistory", StringComparison.Ordinal)) continue;
                    // Usage windows older than a day are pruned at start by design (the fixture's bucket is from 2026-12-06).
                    if (table == "TenantUsageBuckets") continue;
                    Assert.True(after.TryGetValue(table, out var now), table + " is gone");
                    // Starting the app may add rows (audit of the start, usage buckets), never lose one.
                    Assert.True(now >= count, $"{table}: {count} rows before, {now} after");
                }
                Assert.DoesNotContain(after.Keys, t => t.StartsWith("__EFMigrationsHistory_", StringComparison.Ordinal));
                Assert.Equal(1, after["__EFMigrationsHistory"] - (await AppliedAfterBaselineAsync(path)));

                // The API key, the tenant, the module data: listed as before.
                var api = app.CreateClient();
                api.DefaultRequestHeaders.Authorization = new("Bearer", FixtureApiKey);
                Assert.Contains("\"acme\"", await api.GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);
                Assert.Contains("blocked@example.net", await api.GetStringAsync("/api/v1/suppressions"), StringComparison.Ordinal);
                Assert.Contains("acme.example", await api.GetStringAsync("/api/v1/tenants/acme/domains"), StringComparison.Ordinal);
                Assert.Contains("hooks.example.net", await api.GetStringAsync("/api/v1/tenants/acme/webhooks"), StringComparison.Ordinal);
                Assert.Contains("fixture-full", await api.GetStringAsync("/api/v1/bounce-rules"), StringComparison.Ordinal);
                Assert.Contains("\"warm\"", await api.GetStringAsync("/api/v1/pools"), StringComparison.Ordinal);
                Assert.Contains("fixture-dmarc-1", await api.GetStringAsync("/api/v1/reports"), StringComparison.Ordinal);
                Assert.Contains("\"hasPassword\":true", await api.GetStringAsync("/api/v1/routes"), StringComparison.Ordinal);
                Assert.Contains("warmup-attachment.create", await api.GetStringAsync("/api/v1/audit?take=100"), StringComparison.Ordinal);

                // Send: mail of acme's domain is accepted (signed with the fixture's DKIM key, decrypted with its key ring).
                var sent = await api.PostAsJsonAsync("/api/v1/messages", new
                {
                    tenantId = "acme",
                    from = "news@acme.example",
                    to = new[] { "user@dest.example" },
                    raw = "From: news@acme.example\r\nTo: user@dest.example\r\nSubject: after the upgrade\r\n\r\nhello\r\n",
                });
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

                // Login: the 0.1.0 admin signs in to the UI.
                var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var login = await browser.SendAsync(LoginForm.Post(await LoginForm.TokenAsync(browser), "admin@fixture.test", "Fixture-Passw0rd!"));
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
                Assert.Contains(login.Headers.GetValues("Set-Cookie"), v => v.StartsWith("appliance.auth=", StringComparison.Ordinal));
            }
            SqliteConnection.ClearAllPools();

            // A second start finds nothing left to convert.
            var converted = await RowCountsAsync(path);
            using (var again = ApplianceFactory.WithSettings([], dataDir))
            {
                _ = again.Services;
                await using var db = again.CreateDbContext();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(converted["Tenants"], await db.Tenants.CountAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [SqliteOnlyFact("0.1.0 databases were SQLite files")]
    public async Task A_partly_migrated_legacy_database_gets_the_missing_legacy_migrations_first()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-legacy-").FullName;
        var path = Path.Combine(dataDir, "appliance.db");
        try
        {
            // Only the core's first migration and the pools module's first: an early 0.1.0 pre-release.
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await LegacySqliteUpgrade.ApplyLegacyAsync(connection, ["20261129201851_InitialCreate", "20261130014949_InitialPools"], default);
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO EgressSources (Name, BindAddress, EhloName, UpdatedAt) VALUES ('early', '127.0.0.3', 'early.test', 0)";
                await insert.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();

            using var app = ApplianceFactory.WithSettings([], dataDir);
            _ = app.Services;
            await using var db = app.CreateDbContext();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var counts = await RowCountsAsync(path);
            Assert.Equal(1, counts["EgressSources"]);
            // Tables of the migrations it lacked exist and work (WarmupDays.HygieneBounced came with the second pools migration).
            Assert.Equal(0, counts["WarmupDays"]);
            Assert.Contains("TenantUsageBuckets", counts.Keys);
            Assert.DoesNotContain(counts.Keys, t => t.StartsWith("__EFMigrationsHistory_", StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [SqliteOnlyFact("0.1.0 databases were SQLite files")]
    public async Task The_baseline_migration_makes_the_schema_that_010_left()
    {
        var dir = Directory.CreateTempSubdirectory("appliance-schema-").FullName;
        try
        {
            var legacy = Path.Combine(dir, "legacy.db");
            await using (var connection = new SqliteConnection($"Data Source={legacy};Pooling=False"))
            {
                await connection.OpenAsync();
                await LegacySqliteUpgrade.ApplyLegacyAsync(connection, LegacySqliteUpgrade.Migrations.Select(m => m.Id), default);
            }
            var fresh = Path.Combine(dir, "fresh.db");
            var options = new DbContextOptionsBuilder<Appliance.Web.Data.ApplianceDbContext>().UseSqlite($"Data Source={fresh};Pooling=False").Options;
            // Up to the baseline only: later migrations add to 0.1.0's schema on purpose.
            await using (var db = new Appliance.Web.Data.SqliteApplianceDbContext(options)) await db.Database.MigrateAsync("20261207000000_Baseline");

            var expected = await SchemaAsync(legacy);
            var actual = await SchemaAsync(fresh);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (table, shape) in expected) Assert.Equal(shape, actual[table]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Per table: columns (name, type, not null, primary key position), indexes (name, unique, columns) and foreign keys.</summary>
    private static async Task<Dictionary<string, string>> SchemaAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        async Task<List<string>> Rows(string sql, Func<SqliteDataReader, string> row)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync()) rows.Add(row(reader));
            return rows;
        }
        var tables = await Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'", r => r.GetString(0));
        var schema = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var columns = await Rows($"PRAGMA table_info(\"{table}\")", r => $"{r.GetString(1)} {r.GetString(2)} nn={r.GetInt64(3)} pk={r.GetInt64(5)}");
            var indexes = await Rows($"PRAGMA index_list(\"{table}\")", r => $"{r.GetString(1)} unique={r.GetInt64(2)}");
            var indexColumns = new List<string>();
            foreach (var index in indexes)
            {
                var name = index[..index.IndexOf(' ', StringComparison.Ordinal)];
                indexColumns.Add(name + "(" + string.Join(",", await Rows($"PRAGMA index_info(\"{name}\")", r => r.IsDBNull(2) ? "?" : r.GetString(2))) + ")");
            }
            var keys = await Rows($"PRAGMA foreign_key_list(\"{table}\")", r => $"{r.GetString(3)}->{r.GetString(2)}.{r.GetString(4)} {r.GetString(6)}");
            schema[table] = string.Join("\n", columns.Order(StringComparer.Ordinal)) + "\n" + string.Join("\n", indexes.Order(StringComparer.Ordinal))
                + "\n" + string.Join("\n", indexColumns.Order(StringComparer.Ordinal)) + "\n" + string.Join("\n", keys.Order(StringComparer.Ordinal));
        }
        return schema;
    }

    private static string CopyFixture()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Legacy010");
        var dataDir = Directory.CreateTempSubdirectory("appliance-legacy-").FullName;
        File.Copy(Path.Combine(source, "appliance.db"), Path.Combine(dataDir, "appliance.db"));
        Directory.CreateDirectory(Path.Combine(dataDir, "keys"));
        foreach (var key in Directory.GetFiles(Path.Combine(source, "keys")))
            File.Copy(key, Path.Combine(dataDir, "keys", Path.GetFileName(key)));
        return dataDir;
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static async Task<long> AppliedAfterBaselineAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" > '{LegacySqliteUpgrade.BaselineMigrationId}'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
