using System.Net;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Quotas;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issue 19: complaint-rate counters are cluster-wide. Deliveries counted on one node ("b", its own counter and Redis
/// connection) and a complaint counted on the host ("a") show up as one rate on both, through a real redis-server;
/// with Redis away each node answers from its own counts and shares the waiting deltas when Redis is back.
/// </summary>
public sealed class ClusterComplaintRateTests : IAsyncLifetime
{
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
            ["Appliance:Cluster:Secret"] = "cluster-secret-0123456789abcdef",
            ["Appliance:Cluster:KeyPrefix"] = _prefix,
        });
        _ = _host.Services;
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Deliveries_on_one_node_and_a_complaint_on_another_make_one_rate_on_both()
    {
        using var b = new ClusterNode(_redis, _prefix, "b");
        var counterB = new ComplaintRateCounter(TimeProvider.System, new EgressConfiguration());
        var sharingB = new RedisComplaintRates(counterB, b.Connection, TimeProvider.System);
        await sharingB.StartAsync(CancellationToken.None);
        var counterA = _host.Services.GetRequiredService<ComplaintRateCounter>();
        var sharingA = _host.Services.GetRequiredService<RedisComplaintRates>();
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..6];

        for (var i = 0; i < 10; i++) counterB.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, EgressIp = "127.0.0.2" });
        counterA.OnEvent(new MtaEvent { Type = MtaEventType.Feedback, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, Detail = ComplaintEvent.DetailPrefix + "abuse" });
        Assert.True(await sharingB.SyncAsync());
        Assert.True(await sharingA.SyncAsync());
        Assert.True(await sharingB.SyncAsync());

        Assert.Equal(new ComplaintRateEntry(tenant, 1, 10), counterA.ForTenant(tenant));
        Assert.Equal(new ComplaintRateEntry(tenant, 1, 10), counterB.ForTenant(tenant));
        Assert.Equal(new ComplaintRateEntry("127.0.0.2", 0, 10), counterA.ForEgressIp("127.0.0.2"));
        using var client = _host.CreateAdminClient();
        using var response = await client.GetAsync("/api/v1/complaint-rates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.ReadJsonAsync()).GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("name").GetString() == tenant);
        Assert.Equal(1, row.GetProperty("complaints").GetInt64());
        Assert.Equal(10, row.GetProperty("deliveries").GetInt64());
        await sharingB.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_redis_away_a_node_answers_from_its_own_counts_and_shares_them_when_it_is_back()
    {
        using var b = new ClusterNode(_redis, _prefix, "b");
        var counterB = new ComplaintRateCounter(TimeProvider.System, new EgressConfiguration());
        var sharingB = new RedisComplaintRates(counterB, b.Connection, TimeProvider.System);
        await sharingB.StartAsync(CancellationToken.None);
        var counterA = _host.Services.GetRequiredService<ComplaintRateCounter>();
        var sharingA = _host.Services.GetRequiredService<RedisComplaintRates>();
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..6];
        Assert.True(await sharingB.SyncAsync());

        _redis.Kill();
        for (var i = 0; i < 4; i++) counterB.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant });
        Assert.False(await sharingB.SyncAsync());
        Assert.False(counterB.IsShared);
        Assert.Equal(new ComplaintRateEntry(tenant, 0, 4), counterB.ForTenant(tenant));

        await _redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await b.Connection.ProbeAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await sharingB.SyncAsync());
        while (!await sharingA.SyncAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(new ComplaintRateEntry(tenant, 0, 4), counterA.ForTenant(tenant));
        Assert.True(counterB.IsShared);
        await sharingB.StopAsync(CancellationToken.None);
    }
}
