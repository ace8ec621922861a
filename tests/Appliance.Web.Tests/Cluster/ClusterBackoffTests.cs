using Appliance.Mta.Shaping;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issue 19, acceptance item 2 at tracker level: a backoff fired on node A (the sink answered 421 4.7.28 there) holds
/// the same site on B (notice) and on C (started later: catch-up from the key) until it expires; an early end on A
/// ends it on B too.
/// </summary>
public sealed class ClusterBackoffTests
{
    private static readonly BackoffRule SiteRule = new()
    {
        Name = "rate-limited", Pattern = @"^421 4\.7\.28", Threshold = 1, Scope = BackoffScope.Site, Action = BackoffAction.Suspend, Duration = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task A_backoff_fired_on_one_node_holds_the_site_on_the_others_until_it_expires()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        using var a = new ClusterNode(redis, prefix, "a");
        using var b = new ClusterNode(redis, prefix, "b");
        await a.Backoffs.StartAsync(a.Tracker);
        await b.Backoffs.StartAsync(b.Tracker);
        Assert.Empty(b.Tracker.For("ip-b", "sink.test"));

        var fired = Assert.Single(a.Tracker.Observe("ip-a", "sink.test", [SiteRule], "421 4.7.28 rate limited"));

        var onB = await EventuallyAsync(() => b.Tracker.For("ip-b", "sink.test"), TimeSpan.FromSeconds(2));
        Assert.Equal((fired.Rule, fired.Key, fired.Until, BackoffAction.Suspend), (onB.Rule, onB.Key, onB.Until, onB.Action));
        Assert.Empty(b.Tracker.For("ip-b", "other.test"));

        using var c = new ClusterNode(redis, prefix, "c"); // joins while the backoff is in force
        await c.Backoffs.StartAsync(c.Tracker);
        Assert.Equal(fired.Until, Assert.Single(c.Tracker.For("ip-c", "sink.test")).Until);

        await Task.Delay(fired.Until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        Assert.Empty(b.Tracker.For("ip-b", "sink.test"));
        Assert.Empty(c.Tracker.For("ip-c", "sink.test"));
        using var d = new ClusterNode(redis, prefix, "d"); // joins after it expired: nothing to catch up
        await d.Backoffs.StartAsync(d.Tracker);
        Assert.Empty(d.Tracker.Active());
    }

    [Fact]
    public async Task An_admin_ending_a_backoff_on_one_node_ends_it_on_the_others()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        using var a = new ClusterNode(redis, prefix, "a");
        using var b = new ClusterNode(redis, prefix, "b");
        await a.Backoffs.StartAsync(a.Tracker);
        await b.Backoffs.StartAsync(b.Tracker);
        var rule = SiteRule with { Duration = TimeSpan.FromMinutes(10) };
        var fired = Assert.Single(a.Tracker.Observe("ip-a", "sink.test", [rule], "421 4.7.28 rate limited"));
        await EventuallyAsync(() => b.Tracker.For("ip-b", "sink.test"), TimeSpan.FromSeconds(2));

        Assert.True(a.Tracker.Clear(fired.Rule, fired.Key));

        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (b.Tracker.For("ip-b", "sink.test").Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Empty(b.Tracker.For("ip-b", "sink.test"));
        using var c = new ClusterNode(redis, prefix, "c");
        await c.Backoffs.StartAsync(c.Tracker);
        Assert.Empty(c.Tracker.Active());
    }

    private static async Task<ActiveBackoff> EventuallyAsync(Func<IReadOnlyList<ActiveBackoff>> read, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (read() is [var one]) return one;
            await Task.Delay(20);
        }
        return Assert.Single(read());
    }
}
