using Appliance.Mta.Shaping;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Limits;
using Appliance.Web.Cluster.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// One "node" of a test cluster: its own Redis connection (<see cref="ClusterRedis"/>), its registry entry and the
/// three stores over that one connection, as a host composes them.
/// </summary>
internal sealed class ClusterNode : IDisposable
{
    public ClusterNode(RedisServer redis, string prefix, string name, TimeProvider? time = null, TimeSpan? leaseTtl = null, int expectedNodes = 1)
    {
        Time = time ?? TimeProvider.System;
        Options = new ClusterOptions { Redis = redis.Configuration, NodeName = name, KeyPrefix = prefix, LeaseTtl = leaseTtl ?? TimeSpan.FromSeconds(30), ExpectedNodes = expectedNodes };
        Redis = new ClusterRedis(Microsoft.Extensions.Options.Options.Create(Options));
        Registry = new RedisNodeRegistry(Redis);
        Connection = new ClusterLimitsConnection(Redis, Registry, Events, Time, NullLogger<ClusterLimitsConnection>.Instance);
        Throttles = new RedisThrottleStore(Connection, Time);
        Leases = new RedisConnectionLeases(Connection, Time);
        Backoffs = new RedisBackoffStore(Connection, Time, NullLogger<RedisBackoffStore>.Instance);
        Tracker = new BackoffTracker(Time, Backoffs);
    }

    public TimeProvider Time { get; }
    public ClusterOptions Options { get; }
    public ClusterRedis Redis { get; }
    public RedisNodeRegistry Registry { get; }
    public ListEventSink Events { get; } = new();
    public ClusterLimitsConnection Connection { get; }
    public RedisThrottleStore Throttles { get; }
    public RedisConnectionLeases Leases { get; }
    public RedisBackoffStore Backoffs { get; }
    public BackoffTracker Tracker { get; }

    /// <summary>Writes this node's registry entry, as <c>NodeHeartbeat</c> does every second.</summary>
    public Task HeartbeatAsync() =>
        Registry.WriteAsync(new NodeInfo(Options.EffectiveNodeName, "test", DateTimeOffset.UtcNow, 0, [], 0, false, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));

    public void Dispose() => Redis.Dispose();
}
