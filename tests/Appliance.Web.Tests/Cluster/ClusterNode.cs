using Appliance.Mta.Shaping;
using Appliance.Web.Cluster.Limits;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Web.Tests.Cluster;

/// <summary>One "node" of a test cluster: its own Redis connection and the three stores over it, as a host would compose them.</summary>
internal sealed class ClusterNode : IDisposable
{
    public ClusterNode(RedisServer redis, string prefix, string name, TimeProvider? time = null, TimeSpan? leaseTtl = null, int expectedNodes = 1)
    {
        Time = time ?? TimeProvider.System;
        Connection = new ClusterLimitsConnection(
            new ClusterLimitsOptions { Redis = redis.Configuration, NodeName = name, KeyPrefix = prefix, LeaseTtl = leaseTtl ?? TimeSpan.FromSeconds(30), ExpectedNodes = expectedNodes },
            Events, Time, NullLogger<ClusterLimitsConnection>.Instance);
        Throttles = new RedisThrottleStore(Connection, Time);
        Leases = new RedisConnectionLeases(Connection, Time);
        Backoffs = new RedisBackoffStore(Connection, Time, NullLogger<RedisBackoffStore>.Instance);
        Tracker = new BackoffTracker(Time, Backoffs);
    }

    public TimeProvider Time { get; }
    public ListEventSink Events { get; } = new();
    public ClusterLimitsConnection Connection { get; }
    public RedisThrottleStore Throttles { get; }
    public RedisConnectionLeases Leases { get; }
    public RedisBackoffStore Backoffs { get; }
    public BackoffTracker Tracker { get; }

    public void Dispose() => Connection.Dispose();
}
