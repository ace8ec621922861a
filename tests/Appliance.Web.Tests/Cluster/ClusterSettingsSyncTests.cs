using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Settings;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Data.Storage;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Cluster mode's settings sync on one real host (SQLite, or PostgreSQL with APPLIANCE_TEST_DB_PROVIDER): a settings
/// write bumps its area's version in its own transaction and tells the other nodes after the commit; a rolled-back
/// write bumps and tells nothing; a change another node made is picked up by the version poll even when its notice
/// never arrived. Redis points at a closed port (the notices are captured in process instead).
/// </summary>
public sealed class ClusterSettingsSyncTests : IDisposable
{
    private readonly ConcurrentQueue<ClusterNotice> _sent = new();
    private readonly ApplianceFactory _factory;

    public ClusterSettingsSyncTests()
    {
        _factory = new ClusterFactory
        {
            ConfigureServicesForTest = services =>
            {
                var notices = new InProcessClusterNotices();
                notices.Subscribe(_sent.Enqueue);
                services.RemoveAll<IClusterNotices>();
                services.AddSingleton<IClusterNotices>(notices);
            },
        };
    }

    [Fact]
    public void Every_area_has_a_reload()
    {
        var reloader = _factory.Services.GetRequiredService<SettingsReloader>();
        Assert.Equal(Enum.GetValues<SettingsArea>().Order(), reloader.Covered.Order());
    }

    [Fact]
    public async Task A_tenant_created_through_the_api_bumps_the_tenants_version_and_sends_a_notice()
    {
        using var client = _factory.CreateAdminClient();
        var before = await VersionAsync(SettingsArea.Tenants);
        var routesBefore = await VersionAsync(SettingsArea.Routes);
        _sent.Clear();

        using var created = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "cluster-tenant" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var after = await VersionAsync(SettingsArea.Tenants);
        Assert.Equal(before + 1, after);
        var notice = Assert.Single(_sent, n => n.Area == SettingsArea.Tenants);
        Assert.Equal(after, notice.Version);
        Assert.Equal("node-under-test", notice.Node);
        Assert.Equal(routesBefore, await VersionAsync(SettingsArea.Routes)); // other areas untouched
        Assert.DoesNotContain(_sent, n => n.Area == SettingsArea.Routes);
    }

    [Fact]
    public async Task A_rolled_back_change_bumps_nothing_and_tells_no_one()
    {
        _ = _factory.Services; // start the host
        var before = await VersionAsync(SettingsArea.Routes);
        _sent.Clear();

        await using (var db = _factory.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Routes.Add(new RouteEntry { Domain = "rolled-back.example", Host = "127.0.0.1", Port = 2525 });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await VersionAsync(SettingsArea.Routes));
        Assert.DoesNotContain(_sent, n => n.Area == SettingsArea.Routes);
        await using var check = _factory.CreateDbContext();
        Assert.False(await check.Routes.AnyAsync(r => r.Domain == "rolled-back.example"));
    }

    [Fact]
    public async Task A_suppression_written_by_another_node_whose_notice_was_lost_is_refused_after_the_version_poll()
    {
        var list = _factory.Services.GetRequiredService<SuppressionList>();
        var database = _factory.Services.GetRequiredService<ApplianceDatabase>();
        const string address = "elsewhere@cluster.example";
        Assert.Null(list.Find(address, null, "sender@example.com"));

        // "Another node": the same database without this host's interceptor, bumping the version itself; no notice.
        var other = new ApplianceDatabase(database.Provider, database.ConnectionString);
        await using (var db = other.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Suppressions.Add(new SuppressionRecord { Address = address, Scope = SuppressionScope.Global, Reason = SuppressionReason.Manual, CreatedAt = DateTimeOffset.UtcNow, SourceType = "manual" });
            await db.SaveChangesAsync();
            await db.Set<SettingsVersion>().Where(v => v.Area == nameof(SettingsArea.Suppressions))
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1));
            await transaction.CommitAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (list.Find(address, null, "sender@example.com") is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotNull(list.Find(address, null, "sender@example.com"));
    }

    public void Dispose() => _factory.Dispose();

    private sealed class ClusterFactory() : ApplianceFactory(null, new Dictionary<string, string?>
    {
        ["Appliance:Cluster:Redis"] = "127.0.0.1:1,connectTimeout=200",
        ["Appliance:Cluster:NodeName"] = "node-under-test",
        ["Appliance:Cluster:Secret"] = "cluster-secret-0123456789abcdef",
    });

    private async Task<long> VersionAsync(SettingsArea area)
    {
        await using var db = _factory.CreateDbContext();
        return await db.Set<SettingsVersion>().Where(v => v.Area == area.ToString()).Select(v => v.Version).SingleAsync();
    }
}
