using Appliance.Mta.Events;
using Appliance.Mta.Shaping;
using Appliance.Web.Cluster.Limits;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issue 19, acceptance item 5 at store level: Redis killed → each node limits locally at 1/N of the configured rate
/// and connection limit (N = the live nodes of the registry when it last read it), one Alert per outage; Redis back → shared limits again,
/// without a restart.
/// </summary>
public sealed class ClusterFallbackTests
{
    [Fact]
    public async Task Redis_killed_falls_back_to_one_nth_with_one_alert_and_heals_when_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new ClusterNode(redis, prefix, "a", time);
        using var b = new ClusterNode(redis, prefix, "b");
        using var c = new ClusterNode(redis, prefix, "c");
        Assert.True(await a.Connection.ProbeAsync());
        Assert.Equal(1, a.Connection.FallbackDivisor); // the registry is empty: a counts itself
        foreach (var n in new[] { a, b, c }) await n.HeartbeatAsync();
        Assert.True(await a.Connection.ProbeAsync()); // N comes from the node registry: a has now seen all three
        Assert.Equal(3, a.Connection.FallbackDivisor);
        var rate = MessageRate.Parse("10/s");
        Assert.Equal(TimeSpan.Zero, await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));

        redis.Kill();

        // 10/s for the cluster → 10/3 s on this node: slots 300 ms apart on its own clock.
        Assert.Equal(TimeSpan.Zero, await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(300), await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(600), await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));
        Assert.False(a.Connection.IsShared);
        // A limit of 6 connections → 2 on this node.
        var leases = new List<IConnectionLease>();
        for (var i = 0; i < 3; i++) if (await a.Leases.TryAcquireAsync("q", 6, CancellationToken.None) is { } l) leases.Add(l);
        Assert.Equal(2, leases.Count);
        a.Tracker.Observe("ip-a", "sink.test", [new BackoffRule { Name = "r", Pattern = "^421", Threshold = 1, Scope = BackoffScope.Site }], "421 4.7.28 slow");
        Assert.False(await a.Connection.ProbeAsync());
        Assert.Single(a.Tracker.Active()); // in force here even though it could not be shared

        var alert = Assert.Single(a.Events.Alerts);
        Assert.Contains("1/3", alert.Detail, StringComparison.Ordinal);
        Assert.Equal(MtaEventType.Alert, alert.Type);

        await redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await a.Connection.ProbeAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(a.Connection.IsShared);

        // Shared again: the reservation goes to Redis (its key appears there), the fallback's slots are not used.
        Assert.Equal(TimeSpan.Zero, await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));
        await using var check = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.True(await check.GetDatabase().KeyExistsAsync($"{prefix}:rate:q"));
        Assert.NotNull(await a.Leases.TryAcquireAsync("q", 6, CancellationToken.None));
        Assert.Single(a.Events.Alerts); // one Alert for the one outage
        foreach (var l in leases) await l.DisposeAsync();
        Assert.Equal(0, a.Leases.Fallback.Held("q"));
    }

    [Fact]
    public async Task A_node_that_never_saw_redis_divides_by_the_expected_node_count()
    {
        await using var redis = await RedisServer.StartAsync();
        redis.Kill();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new ClusterNode(redis, $"t{Guid.NewGuid():N}", "a", time, expectedNodes: 2);

        Assert.Equal(TimeSpan.Zero, await a.Throttles.ReserveAsync("q", MessageRate.Parse("10/s"), CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(200), await a.Throttles.ReserveAsync("q", MessageRate.Parse("10/s"), CancellationToken.None));
        Assert.Contains("1/2", Assert.Single(a.Events.Alerts).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 1, 10)]
    [InlineData(10, 3, 3)]
    [InlineData(2, 3, 1)]
    public void The_fallback_connection_limit_is_one_nth_and_at_least_one(int limit, int nodes, int expected)
    {
        Assert.Equal(expected, RedisConnectionLeases.FallbackLimit(limit, nodes));
    }
}
