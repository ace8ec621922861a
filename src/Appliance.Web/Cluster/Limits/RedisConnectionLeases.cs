using Appliance.Mta.Shaping;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// Connection limits shared by every node: a lease is a member of the sorted set <c>{prefix}:conn:{queue}</c> scored by
/// its expiry (<see cref="ClusterOptions.LeaseTtl"/>), taken atomically below the limit
/// (<see cref="RedisScripts.Acquire"/>) and renewed while the connection lives, so a crashed node's leases free
/// themselves. While Redis is away each node holds at most 1/N of the limit (at least one connection) locally.
/// </summary>
public sealed class RedisConnectionLeases(ClusterLimitsConnection redis, TimeProvider time) : IConnectionLeases
{
    private readonly LocalLeaseCounter _fallback = new();

    /// <summary>The fallback's slots, for the tests and the admin views.</summary>
    public LocalLeaseCounter Fallback => _fallback;

    /// <inheritdoc />
    public async ValueTask<IConnectionLease?> TryAcquireAsync(string key, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (redis.TryShared())
        {
            var redisKey = redis.Key("conn", key);
            var id = $"{redis.NodeName}:{Guid.NewGuid():N}";
            var ttl = (long)redis.Options.LeaseTtl.TotalMilliseconds;
            try
            {
                var granted = (long)await redis.Database.ScriptEvaluateAsync(RedisScripts.Acquire, [redisKey], [id, limit, ttl]).ConfigureAwait(false);
                return granted == 1 ? new RedisConnectionLease(redis, redisKey, id, time) : null;
            }
            catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
            {
                redis.Failed(ex);
            }
        }
        return _fallback.TryAcquire(key, FallbackLimit(limit, redis.FallbackDivisor));
    }

    /// <summary>The local share of a cluster connection limit while Redis is away: 1/<paramref name="nodes"/>, at least one.</summary>
    public static int FallbackLimit(int limit, int nodes) => Math.Max(1, limit / Math.Max(1, nodes));
}
