using System.Globalization;
using Appliance.Mta.Shaping;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// Message rates shared by every node (KumoMTA's Redis throttles): one GCRA reservation per message in an atomic Lua
/// script (<see cref="RedisScripts.Gcra"/>), so a ready queue's rate holds for the cluster as a whole. While Redis is
/// away each node reserves locally at 1/N of the rate (<see cref="ClusterLimitsConnection.FallbackDivisor"/>).
/// </summary>
public sealed class RedisThrottleStore(ClusterLimitsConnection redis, TimeProvider time) : IThrottleStore
{
    private readonly LocalThrottleStore _fallback = new(time);

    /// <inheritdoc />
    public async ValueTask<TimeSpan> ReserveAsync(string key, MessageRate rate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rate);
        cancellationToken.ThrowIfCancellationRequested();
        if (redis.TryShared())
        {
            try
            {
                var micros = (rate.Per.TotalMicroseconds / rate.Count).ToString("0.###", CultureInfo.InvariantCulture);
                var wait = (long)await redis.Database.ScriptEvaluateAsync(RedisScripts.Gcra, [redis.Key("rate", key)], [micros]).ConfigureAwait(false);
                return TimeSpan.FromMicroseconds(wait);
            }
            catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
            {
                redis.Failed(ex);
            }
        }
        return _fallback.Reserve(key, FallbackRate(rate, redis.FallbackDivisor));
    }

    /// <summary>The local share of a cluster rate while Redis is away: 1/<paramref name="nodes"/> of it.</summary>
    public static MessageRate FallbackRate(MessageRate rate, int nodes)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return nodes <= 1 ? rate : rate with { Per = rate.Per * nodes };
    }
}
