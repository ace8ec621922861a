using Appliance.Mta.Shaping;
using Appliance.Web.Cluster.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Every key and channel a node uses lives under <c>Appliance:Cluster:KeyPrefix</c> (limits, node registry, settings
/// notices), so two clusters on one Redis never see each other; and the limits, the registry and the notices share the
/// node's one Redis connection.
/// </summary>
public sealed class ClusterKeyPrefixTests
{
    [Fact]
    public async Task Limits_registry_and_settings_notices_all_use_the_prefix_and_nothing_else()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"p{Guid.NewGuid():N}"[..12];
        using var node = new ClusterNode(redis, prefix, "a");
        await using var check = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await check.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("*"), (channel, _) => heard.TrySetResult(channel.ToString()));

        await node.HeartbeatAsync();
        Assert.True(await node.Connection.ProbeAsync());
        await node.Throttles.ReserveAsync("src->site", MessageRate.Parse("1/h"), CancellationToken.None);
        await using (await node.Leases.TryAcquireAsync("src->site", 2, CancellationToken.None))
        {
            var notices = new RedisClusterNotices(node.Redis, NullLogger<RedisClusterNotices>.Instance);
            await notices.PublishAsync(new ClusterNotice(SettingsArea.Suppressions, 1, "a"));
            Assert.Equal($"{prefix}:settings", await heard.Task.WaitAsync(TimeSpan.FromSeconds(5)));

            var keys = check.GetServer(check.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal([$"{prefix}:conn:src->site", $"{prefix}:node:a", $"{prefix}:nodes", $"{prefix}:rate:src->site"], keys);
        }
        // One multiplexer for the node: the limits' database is the registry's connection.
        Assert.Same(node.Redis.Connection, node.Connection.Database.Multiplexer);
    }
}
