using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// One lease in Redis: renewed every third of its time to live while held (<see cref="RedisScripts.Renew"/>), removed
/// on dispose. A renewal that fails (Redis away) is skipped; the next one after Redis is back holds the lease again.
/// </summary>
internal sealed class RedisConnectionLease : Appliance.Mta.Shaping.IConnectionLease
{
    private readonly ClusterLimitsConnection _redis;
    private readonly string _key;
    private readonly string _id;
    private readonly ITimer _renewal;
    private int _released;

    public RedisConnectionLease(ClusterLimitsConnection redis, string key, string id, TimeProvider time)
    {
        _redis = redis;
        _key = key;
        _id = id;
        var every = redis.Options.LeaseTtl / 3;
        _renewal = time.CreateTimer(static state => _ = ((RedisConnectionLease)state!).RenewAsync(), this, every, every);
    }

    private async Task RenewAsync()
    {
        if (Volatile.Read(ref _released) != 0 || !_redis.TryShared()) return;
        try
        {
            await _redis.Database.ScriptEvaluateAsync(RedisScripts.Renew, [_key], [_id, (long)_redis.Options.LeaseTtl.TotalMilliseconds]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            _redis.Failed(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        await _renewal.DisposeAsync().ConfigureAwait(false);
        if (!_redis.TryShared()) return; // Redis away: the lease expires there by itself
        try
        {
            await _redis.Database.SortedSetRemoveAsync(_key, _id).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            _redis.Failed(ex);
        }
    }
}
