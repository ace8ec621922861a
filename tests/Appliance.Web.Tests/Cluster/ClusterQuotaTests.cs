using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Cluster.Quotas;
using Appliance.Web.Data;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issues 19/20: the tenant quotas count cluster-wide in a real <c>redis-server</c>. A host (node "a", SQLite or
/// PostgreSQL) and a second node's counters ("b", over its own Redis connection and the same database) count for one
/// tenant: the quota holds for both together, the database gets the cluster totals, a Redis that lost everything is
/// seeded from the database, and while Redis is down a node counts its 1/N share locally and adds it back when Redis returns.
/// </summary>
public sealed class ClusterQuotaTests : IAsyncLifetime
{
    private const string Secret = "cluster-secret-0123456789abcdef";
    private readonly string _prefix = $"t{Guid.NewGuid():N}";
    private RedisServer _redis = null!;
    private ApplianceFactory _host = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _host = ApplianceFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Appliance:Cluster:Redis"] = _redis.Configuration,
            ["Appliance:Cluster:NodeName"] = "a",
            ["Appliance:Cluster:Secret"] = Secret,
            ["Appliance:Cluster:KeyPrefix"] = _prefix,
        });
        _ = _host.Services; // start the host
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_counting_one_tenant_stop_at_the_hourly_quota_together()
    {
        using var client = _host.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: 3, monthly: 100);
        Assert.IsType<RedisTenantQuotaCounters>(_host.Services.GetRequiredService<ITenantQuotaCounters>());
        using var b = new ClusterNode(_redis, _prefix, "b");
        var countersB = Counters(b, tenant, new TenantMessageLimits(3, null, 100));

        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 1)).StatusCode);
        Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed);
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 2)).StatusCode);

        // Each node counted at most 2: only the shared count knows the quota of 3 is full.
        var refused = countersB.TryAcquire(tenant, 1, null, out _);
        Assert.False(refused.Allowed);
        Assert.Equal(TenantLimitWindow.Hour, refused.Window);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await InjectAsync(client, tenant, 3)).StatusCode);
        var quotas = await (await client.GetAsync($"/api/v1/tenants/{tenant}/quotas")).ReadJsonAsync();
        Assert.Equal(3, quotas.GetProperty("usedLastHour").GetInt32());
        Assert.Equal(3, quotas.GetProperty("usedThisMonth").GetInt32());
    }

    [Fact]
    public async Task A_warning_is_raised_once_for_the_cluster()
    {
        using var client = _host.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: 5, monthly: 100);
        using var b = new ClusterNode(_redis, _prefix, "b");
        using var c = new ClusterNode(_redis, _prefix, "c");
        var limits = new TenantMessageLimits(5, null, 100);
        var countersB = Counters(b, tenant, limits);
        var countersC = Counters(c, tenant, limits);

        Assert.Empty(Warnings(countersB, tenant, 3));
        var eighty = Assert.Single(Warnings(countersC, tenant, 1)); // 4 of 5
        Assert.Equal((TenantLimitWindow.Hour, 80, 4), (eighty.Window, eighty.Percent, eighty.Used));
        var full = Assert.Single(Warnings(countersB, tenant, 1)); // 5 of 5, on the other node
        Assert.Equal((TenantLimitWindow.Hour, 100), (full.Window, full.Percent));
    }

    [Fact]
    public async Task The_database_gets_cluster_totals_and_seeds_a_redis_that_lost_them()
    {
        using var client = _host.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: null, monthly: 4);
        using var b = new ClusterNode(_redis, _prefix, "b");
        var countersB = Counters(b, tenant, new TenantMessageLimits(null, null, 4));
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 1)).StatusCode);
        Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed);
        Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed);

        // Node a counted one message; its flush writes the cluster's three (not its own one).
        await _host.Services.GetRequiredService<TenantCounterFlusher>().FlushAllAsync(CancellationToken.None);
        Assert.Equal(3, await MonthRowAsync(tenant));
        Assert.True(await DatabaseMinuteSumAsync(tenant) == 3);

        // A restart of the whole cluster's Redis: everything there is gone.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true"))
            await admin.GetServers()[0].FlushAllDatabasesAsync();

        Assert.Equal(3, _host.Services.GetRequiredService<ITenantQuotaCounters>().UsageOf(tenant).ThisMonth); // seeded on first use
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 2)).StatusCode);
        var refused = await InjectAsync(client, tenant, 3);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("month", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.False(countersB.Check(tenant).Allowed);
    }

    [Fact]
    public async Task Redis_down_counts_a_one_nth_share_locally_and_adds_it_back_when_redis_returns()
    {
        using var client = _host.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: 9, monthly: 100);
        using var b = new ClusterNode(_redis, _prefix, "b");
        using var c = new ClusterNode(_redis, _prefix, "c");
        foreach (var n in new[] { b, c }) await n.HeartbeatAsync();
        await b.Registry.WriteAsync(new Appliance.Web.Cluster.Nodes.NodeInfo("a", "test", DateTimeOffset.UtcNow, 0, [], 0, false, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
        Assert.True(await b.Connection.ProbeAsync());
        Assert.Equal(3, b.Connection.FallbackDivisor);
        var countersB = Counters(b, tenant, new TenantMessageLimits(9, null, 100));
        Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed);
        var store = new RedisQuotaStore(countersB, b.Connection, _host.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>(), TimeProvider.System);
        Assert.True(await store.FlushAsync(CancellationToken.None) > 0);

        _redis.Kill();

        // 9 an hour for the cluster → 3 on this node while Redis is away.
        for (var i = 0; i < 3; i++) Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed, $"fallback message {i + 1}");
        var refused = countersB.TryAcquire(tenant, 1, null, out _);
        Assert.False(refused.Allowed);
        Assert.Equal(TenantLimitWindow.Hour, refused.Window);
        Assert.Contains("1/3", Assert.Single(b.Events.Alerts).Detail, StringComparison.Ordinal);

        await _redis.StartAgainAsync(); // empty: the database's count comes back by seeding, the outage's by the heal
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await b.Connection.ProbeAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(b.Connection.IsShared);
        while (countersB.UsageOf(tenant).ThisHour != 4 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(4, countersB.UsageOf(tenant).ThisHour);
        Assert.Equal(4, countersB.UsageOf(tenant).ThisMonth);
        Assert.Equal(0, countersB.Fallback.UsageOf(tenant).ThisHour);
        Assert.True(countersB.TryAcquire(tenant, 1, null, out _).Allowed); // shared again: 5 of 9
    }

    private RedisTenantQuotaCounters Counters(ClusterNode node, string tenant, TenantMessageLimits limits)
    {
        var limiter = new TenantRateLimiter(TimeProvider.System);
        limiter.SetLimits(new Dictionary<string, TenantMessageLimits> { [tenant] = limits });
        return new RedisTenantQuotaCounters(node.Connection, limiter, _host.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>(), TimeProvider.System,
            NullLogger<RedisTenantQuotaCounters>.Instance);
    }

    private static IReadOnlyList<TenantQuotaWarning> Warnings(RedisTenantQuotaCounters counters, string tenant, int times)
    {
        var all = new List<TenantQuotaWarning>();
        for (var i = 0; i < times; i++)
        {
            Assert.True(counters.TryAcquire(tenant, 1, null, out var warnings).Allowed);
            all.AddRange(warnings);
        }
        return all;
    }

    private async Task<int> MonthRowAsync(string tenant)
    {
        await using var db = _host.CreateDbContext();
        return await db.TenantQuotaCounters.Where(c => c.TenantId == tenant && c.Window == TenantQuotaCounter.MonthWindow).Select(c => c.Count).SingleAsync();
    }

    private async Task<int> DatabaseMinuteSumAsync(string tenant)
    {
        await using var db = _host.CreateDbContext();
        return await db.TenantUsageBuckets.Where(b => b.TenantId == tenant).SumAsync(b => b.Count);
    }

    private static async Task<string> CreateTenantAsync(HttpClient client, int? hourly, int? monthly)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Quota " + Guid.NewGuid().ToString("N")[..8], hourlyMessageLimit = hourly, monthlyMessageLimit = monthly });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> InjectAsync(HttpClient client, string tenant, int n) =>
        client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com",
            to = new[] { $"user{n}@example.net" },
            subject = $"quota {n}",
            text = "body",
            tenantId = tenant,
        });
}
