using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Quotas;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Every node judges the cluster-wide complaint rate, so every node sees a tenant pass the threshold at the same
/// minute; the Alert is raised once for the cluster (<see cref="RedisAlertClaims"/> over a real redis-server), both
/// when the rate passes the threshold and when it is back under.
/// </summary>
public sealed class ClusterComplaintAlertTests : IAsyncLifetime
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
            // The host's own minute job stays out of the way: the test drives one alerts instance per node itself.
            ["Appliance:Suppressions:ComplaintAlertRate"] = "0",
        });
        _ = _host.Services;
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_over_the_threshold_raise_one_alert_for_the_cluster_and_one_when_back_under()
    {
        var claimsA = _host.Services.GetRequiredService<IAlertClaims>();
        Assert.IsType<RedisAlertClaims>(claimsA); // cluster mode: the host answers the engine's claims from Redis
        var options = Microsoft.Extensions.Options.Options.Create(new SuppressionOptions { ComplaintAlertRate = 0.003, ComplaintAlertMinimumDeliveries = 10 });
        using var b = new ClusterNode(_redis, _prefix, "b");
        var counterB = new ComplaintRateCounter(TimeProvider.System, new EgressConfiguration());
        var sharingB = new RedisComplaintRates(counterB, b.Connection, TimeProvider.System);
        await sharingB.StartAsync(CancellationToken.None);
        var counterA = _host.Services.GetRequiredService<ComplaintRateCounter>();
        var sharingA = _host.Services.GetRequiredService<RedisComplaintRates>();
        var eventsA = new ListEventSink();
        var alertsA = new ComplaintRateAlerts(counterA, eventsA, options, TimeProvider.System, claimsA);
        var alertsB = new ComplaintRateAlerts(counterB, b.Events, options, TimeProvider.System, new RedisAlertClaims(b.Connection));
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..6];

        Deliveries(counterB, tenant, 10);
        counterA.OnEvent(new MtaEvent { Type = MtaEventType.Feedback, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, Detail = ComplaintEvent.DetailPrefix + "abuse" });
        await SyncAsync(sharingA, sharingB);
        Assert.Equal(new ComplaintRateEntry(tenant, 1, 10), counterA.ForTenant(tenant));
        Assert.Equal(new ComplaintRateEntry(tenant, 1, 10), counterB.ForTenant(tenant));

        // Both nodes see 10 % at once: both move to "over", one of them raises it.
        var written = await Task.WhenAll(alertsA.CheckAsync(), alertsB.CheckAsync());
        Assert.Equal(1, written.Sum());
        var over = Assert.Single(Alerts(tenant, eventsA, b.Events));
        Assert.StartsWith($"Complaint rate of tenant {tenant} is 10 %", over.Detail, StringComparison.Ordinal);
        Assert.Contains($"tenant:{tenant}", alertsA.Alerting);
        Assert.Contains($"tenant:{tenant}", alertsB.Alerting);
        Assert.Equal(0, (await Task.WhenAll(alertsA.CheckAsync(), alertsB.CheckAsync())).Sum()); // still over: no repeat

        // 1 / 1,010 = 0.099 %: back under, once for the cluster too.
        Deliveries(counterB, tenant, 1000);
        await SyncAsync(sharingA, sharingB);
        Assert.Equal(1, (await Task.WhenAll(alertsA.CheckAsync(), alertsB.CheckAsync())).Sum());
        Assert.Equal(2, Alerts(tenant, eventsA, b.Events).Count);
        Assert.Single(Alerts(tenant, eventsA, b.Events), e => e.Detail!.Contains("back under 0.3 %", StringComparison.Ordinal));
        Assert.Empty(alertsA.Alerting);
        Assert.Empty(alertsB.Alerting);
        await sharingB.StopAsync(CancellationToken.None);
    }

    private static void Deliveries(ComplaintRateCounter counter, string tenant, int count)
    {
        for (var i = 0; i < count; i++) counter.OnEvent(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, EgressIp = "127.0.0.2" });
    }

    /// <summary>B shares its deltas, A shares its and reads B's, B reads A's: both then answer the cluster's totals.</summary>
    private static async Task SyncAsync(RedisComplaintRates a, RedisComplaintRates b)
    {
        Assert.True(await b.SyncAsync());
        Assert.True(await a.SyncAsync());
        Assert.True(await b.SyncAsync());
    }

    private static List<MtaEvent> Alerts(string tenant, params ListEventSink[] sinks) =>
        sinks.SelectMany(s => s.Alerts).Where(e => e.Tenant == tenant).ToList();
}
