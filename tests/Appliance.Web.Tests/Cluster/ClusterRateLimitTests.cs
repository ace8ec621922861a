using System.Diagnostics;
using Appliance.Mta.Shaping;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issue 19, acceptance item 1 (the rate half) at store level: three nodes, each with its own Redis connection and two
/// sending loops on the same ready queue, share one real redis-server; 10 messages/s hold for all of them together.
/// The nodes know the cluster has three members: on a host loaded enough that a Redis call outlasts its 1 s timeout (a
/// CI run with three-node clusters beside it counted 369 in 20 s, as nodes expecting no peers fall back at 1/1), a node falls back at 1/3,
/// so the rate still holds for the cluster, and says so in an Alert.
/// </summary>
public sealed class ClusterRateLimitTests
{
    [Fact]
    public async Task Ten_per_second_hold_across_three_nodes_over_twenty_seconds()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        using var a = new ClusterNode(redis, prefix, "a", expectedNodes: 3);
        using var b = new ClusterNode(redis, prefix, "b", expectedNodes: 3);
        using var c = new ClusterNode(redis, prefix, "c", expectedNodes: 3);
        var rate = MessageRate.Parse("10/s");
        var window = TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();
        var sends = 0;

        async Task SendLoop(ClusterNode node)
        {
            while (true)
            {
                var wait = await node.Throttles.ReserveAsync("default->sink.test", rate, CancellationToken.None);
                if (clock.Elapsed + wait >= window) return;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                Interlocked.Increment(ref sends); // "sent" at its slot
            }
        }

        await Task.WhenAll(new[] { a, b, c }.SelectMany(n => new[] { SendLoop(n), SendLoop(n) }));

        // 10/s over 20 s = 200 ± 10 %; each node alone would send 200, the three unshared 600.
        Assert.InRange(sends, 180, 220);
        Assert.True(a.Connection.IsShared && b.Connection.IsShared && c.Connection.IsShared);
        // A fallback is allowed only at the cluster's share (Redis answered too late on a loaded host), never at 1/1.
        Assert.All(new[] { a, b, c }.SelectMany(n => n.Events.Alerts), e => Assert.Contains("at 1/3 of the configured rates", e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reservation_on_one_node_delays_the_next_on_another()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        using var a = new ClusterNode(redis, prefix, "a");
        using var b = new ClusterNode(redis, prefix, "b");
        var rate = MessageRate.Parse("2/s");

        Assert.Equal(TimeSpan.Zero, await a.Throttles.ReserveAsync("q", rate, CancellationToken.None));
        var wait = await b.Throttles.ReserveAsync("q", rate, CancellationToken.None);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500)); // one 500 ms slot taken by a
        Assert.Equal(TimeSpan.Zero, await b.Throttles.ReserveAsync("another-queue", rate, CancellationToken.None));
    }
}
