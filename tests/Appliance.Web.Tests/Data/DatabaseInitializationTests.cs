using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Data;

public sealed class DatabaseInitializationTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [SqliteOnlyFact("the SQLite file and its journal mode")]
    public async Task Migrations_are_applied_to_the_file_in_DataDir()
    {
        _ = factory.Services; // starts the host
        await using var db = factory.CreateDbContext();

        Assert.Equal(Path.Combine(factory.DataDir, "appliance.db"), db.Database.GetDbConnection().DataSource);
        Assert.True(File.Exists(Path.Combine(factory.DataDir, "appliance.db")));
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.NotEmpty(applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var historyRows = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsHistory\"").SingleAsync();
        Assert.Equal(applied.Count, historyRows);
    }

    [SqliteOnlyFact("the SQLite file and its journal mode")]
    public async Task Database_is_in_wal_mode()
    {
        _ = factory.Services;
        await using var db = factory.CreateDbContext();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public async Task Default_tenant_is_seeded()
    {
        _ = factory.Services;
        await using var db = factory.CreateDbContext();

        var tenant = await db.Tenants.SingleAsync(t => t.Id == "default");

        Assert.True(tenant.DsnEnabled);
        // Not the migration's fixed seed date: the Tenants page would say "created 2026-01-01".
        Assert.NotEqual(Appliance.Web.Data.EntityConfigurations.TenantConfiguration.SeedCreatedAt, tenant.CreatedAt);
        Assert.True(DateTimeOffset.UtcNow - tenant.CreatedAt < TimeSpan.FromHours(1), tenant.CreatedAt.ToString("O"));
    }
}
