using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Limits;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// Alerts judged from cluster-wide figures raised once per cluster: the key <c>{prefix}:alert:{key}</c> holds the
/// state last raised ("over", "under") for <see cref="Period"/>; a node claims a move only when the key holds another
/// state (one Lua script, atomic), so of the nodes that see the same move at the same minute exactly one raises it.
/// While Redis is away every node claims (a repeated alert beats a lost one).
/// </summary>
public sealed class RedisAlertClaims(ClusterLimitsConnection redis) : IAlertClaims
{
    /// <summary>
    /// How long a raised state stays claimed: the complaint rates' 24-hour window. A scope still over after a day is
    /// raised once more (one reminder a day for the cluster, and a node started meanwhile does not repeat it sooner).
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(24);

    /// <summary>KEYS[1] the alert key; ARGV = state, time to live in ms. Returns 1 when the state moved (claimed).</summary>
    private const string Claim = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
        return 1
        """;

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(string key, string state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!redis.TryShared()) return true;
        try
        {
            var claimed = (long)await redis.Database.ScriptEvaluateAsync(Claim, [redis.Key("alert", key)], [state, (long)Period.TotalMilliseconds]).ConfigureAwait(false);
            return claimed == 1;
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            redis.Failed(ex);
            return true;
        }
    }
}
