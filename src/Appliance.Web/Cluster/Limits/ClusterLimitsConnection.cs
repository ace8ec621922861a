using Appliance.Mta.Events;
using Appliance.Web.Cluster.Nodes;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// The cluster limits' Redis connection and its health: shared while Redis answers; on the first failure the node falls
/// back to local limits at 1/N of the configured rates (N = nodes last seen in Redis, else
/// <see cref="ClusterOptions.ExpectedNodes"/>) and raises one Alert for the outage; <see cref="ProbeAsync"/>
/// brings it back to the shared limits when Redis answers again, without a restart.
/// </summary>
/// <remarks>
/// Redis holds only limits, never mail: while it is away nothing waits on it (the stores answer locally at once), so
/// an outage slows nothing down beyond the fallback rates and loses nothing.
/// </remarks>
public sealed class ClusterLimitsConnection
{
    private readonly ClusterRedis _redis;
    private readonly RedisNodeRegistry _registry;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterLimitsConnection> _logger;
    private int _fallback;
    private int _nodesSeen;
    private DateTimeOffset _outageSince;

    /// <summary>
    /// The limits over the node's one Redis connection (<paramref name="redis"/>, shared with the settings notices and
    /// the registry); the node count for the fallback comes from <paramref name="registry"/>.
    /// </summary>
    public ClusterLimitsConnection(ClusterRedis redis, RedisNodeRegistry registry, IEventSink events, TimeProvider time, ILogger<ClusterLimitsConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _registry = registry;
        _events = events;
        _time = time;
        _logger = logger;
        Database = redis.Connection.GetDatabase();
    }

    /// <summary>This node's name.</summary>
    public string NodeName => Options.EffectiveNodeName;

    /// <summary>The options in force.</summary>
    public ClusterOptions Options => _redis.Options;

    /// <summary>The database the limits live in.</summary>
    public IDatabase Database { get; }

    /// <summary>Pub/sub for the backoff notices.</summary>
    public ISubscriber Subscriber => _redis.Connection.GetSubscriber();

    /// <summary>True while the shared limits are in force (Redis answered and the connection is up).</summary>
    public bool IsShared => Volatile.Read(ref _fallback) == 0 && _redis.Connection.IsConnected;

    /// <summary>
    /// N in "1/N of the configured rate" while Redis is away: the live nodes of the registry (<see cref="RedisNodeRegistry"/>)
    /// when this node last read it, else <see cref="ClusterOptions.ExpectedNodes"/>.
    /// </summary>
    public int FallbackDivisor
    {
        get
        {
            var seen = Volatile.Read(ref _nodesSeen);
            return Math.Max(1, seen > 0 ? seen : Options.ExpectedNodes);
        }
    }

    /// <summary>Raised when Redis answers again after an outage (the backoff store catches up then).</summary>
    public event Action? Restored;

    /// <summary>A key or channel name under the cluster prefix: <c>{prefix}:{kind}:{name}</c>.</summary>
    public string Key(string kind, string name) => Options.Key(kind, name);

    /// <summary>True when the shared limits may be asked; a dropped connection starts the fallback here.</summary>
    public bool TryShared()
    {
        if (Volatile.Read(ref _fallback) != 0) return false;
        if (_redis.Connection.IsConnected) return true;
        Failed(null);
        return false;
    }

    /// <summary>Redis failed a call: the node falls back to local limits; the first failure of an outage raises the Alert.</summary>
    public void Failed(Exception? exception)
    {
        if (Interlocked.CompareExchange(ref _fallback, 1, 0) != 0) return;
        _outageSince = _time.GetUtcNow();
        var nodes = FallbackDivisor;
        ClusterLimitsLog.Unreachable(_logger, NodeName, nodes, exception);
        _events.Write(new MtaEvent
        {
            Type = MtaEventType.Alert,
            Timestamp = _outageSince,
            Detail = $"cluster limits: Redis unreachable ({exception?.Message ?? "connection lost"}); node {NodeName} falls back to local limits at 1/{nodes} of the configured rates until it answers again",
        });
    }

    /// <summary>True for the failures that mean "Redis is away" (connection, timeout), not a bug in a script.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException;

    /// <summary>
    /// One health round (the hosted service runs it every <see cref="ClusterOptions.ProbeInterval"/>): reads how many
    /// nodes the registry holds (heartbeats not expired; this node counts even before its first heartbeat); after an
    /// outage, the first answer brings the shared limits back.
    /// </summary>
    public async Task<bool> ProbeAsync()
    {
        if (!_redis.Connection.IsConnected)
        {
            Failed(null);
            return false;
        }
        try
        {
            var nodes = await _registry.ReadAsync().ConfigureAwait(false);
            var seen = nodes.Count + (nodes.Any(n => string.Equals(n.Name, NodeName, StringComparison.Ordinal)) ? 0 : 1);
            Volatile.Write(ref _nodesSeen, seen);
        }
        catch (Exception ex) when (IsUnreachable(ex) || ex is RedisException)
        {
            Failed(ex);
            return false;
        }
        if (Interlocked.CompareExchange(ref _fallback, 0, 1) == 1)
        {
            ClusterLimitsLog.Restored(_logger, NodeName, _time.GetUtcNow() - _outageSince);
            Restored?.Invoke();
        }
        return true;
    }
}
