using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// One lease in Redis: renewed every third of its time to live while held (<see cref="RedisScripts.Renew"/>), removed
/// on dispose. A renewal that fails (Redis away) is skipped; the next one after Redis is back holds the lease again.
/// Dispose waits for a renewal in flight before removing the lease, and no renewal starts after dispose began: a late
/// renewal (a timer callback delayed on a loaded machine) would otherwise add the released lease back, a phantom that
/// holds a slot of the site for a whole time to live.
/// </summary>
internal sealed class RedisConnectionLease : Appliance.Mta.Shaping.IConnectionLease
{
    private readonly ClusterLimitsConnection _redis;
    private readonly string _key;
    private readonly string _id;
    private readonly ITimer _renewal;
    private readonly Lock _gate = new();
    private Task _renewing = Task.CompletedTask;
    private bool _released;

    public RedisConnectionLease(ClusterLimitsConnection redis, string key, string id, TimeProvider time)
    {
        _redis = redis;
        _key = key;
        _id = id;
        var every = redis.Options.LeaseTtl / 3;
        _renewal = time.CreateTimer(static state => ((RedisConnectionLease)state!).OnRenewal(), this, every, every);
    }

    private void OnRenewal()
    {
        lock (_gate)
        {
            if (_released || !_renewing.IsCompleted) return;
            _renewing = RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        if (!_redis.TryShared()) return;
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
        Task renewing;
        lock (_gate)
        {
            if (_released) return;
            _released = true;
            renewing = _renewing;
        }
        await _renewal.DisposeAsync().ConfigureAwait(false);
        // The renewal's ZADD reaches Redis before the ZREM below (one connection, in order); its outcome is its own.
        await Task.WhenAny(renewing).ConfigureAwait(false);
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
