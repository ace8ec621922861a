using Appliance.Mta.Events;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// The cluster limits' Redis connection and its health: shared while Redis answers; on the first failure the node falls
/// back to local limits at 1/N of the configured rates (N = nodes last seen in Redis, else
/// <see cref="ClusterLimitsOptions.ExpectedNodes"/>) and raises one Alert for the outage; <see cref="ProbeAsync"/>
/// brings it back to the shared limits when Redis answers again, without a restart.
/// </summary>
/// <remarks>
/// Redis holds only limits, never mail: while it is away nothing waits on it (the stores answer locally at once), so
/// an outage slows nothing down beyond the fallback rates and loses nothing.
/// </remarks>
public sealed class ClusterLimitsConnection : IDisposable
{
    /// <summary>How long a node counts as seen after its last heartbeat (15 probes at the default interval).</summary>
    private static readonly TimeSpan SeenWindow = TimeSpan.FromSeconds(15);

    private readonly ClusterLimitsOptions _options;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterLimitsConnection> _logger;
    private readonly ConnectionMultiplexer _redis;
    private int _fallback;
    private int _nodesSeen;
    private DateTimeOffset _outageSince;

    public ClusterLimitsConnection(ClusterLimitsOptions options, IEventSink events, TimeProvider time, ILogger<ClusterLimitsConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _events = events;
        _time = time;
        _logger = logger;
        var config = ConfigurationOptions.Parse(options.Redis!);
        // Never block start-up on Redis, and answer locally soon when it is away: the stores fall back at once.
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 1000);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 1000);
        config.ReconnectRetryPolicy ??= new LinearRetry(500);
        config.ClientName ??= options.NodeName;
        _redis = ConnectionMultiplexer.Connect(config);
        Database = _redis.GetDatabase();
    }

    /// <summary>This node's name.</summary>
    public string NodeName => _options.NodeName;

    /// <summary>The options in force.</summary>
    public ClusterLimitsOptions Options => _options;

    /// <summary>The database the limits live in.</summary>
    public IDatabase Database { get; }

    /// <summary>Pub/sub for the backoff notices.</summary>
    public ISubscriber Subscriber => _redis.GetSubscriber();

    /// <summary>True while the shared limits are in force (Redis answered and the connection is up).</summary>
    public bool IsShared => Volatile.Read(ref _fallback) == 0 && _redis.IsConnected;

    /// <summary>N in "1/N of the configured rate" while Redis is away: the nodes last seen, else the expected count.</summary>
    public int FallbackDivisor
    {
        get
        {
            var seen = Volatile.Read(ref _nodesSeen);
            return Math.Max(1, seen > 0 ? seen : _options.ExpectedNodes);
        }
    }

    /// <summary>Raised when Redis answers again after an outage (the backoff store catches up then).</summary>
    public event Action? Restored;

    /// <summary>A key or channel name under the cluster prefix: <c>{prefix}:{kind}:{name}</c>.</summary>
    public string Key(string kind, string name) => $"{_options.KeyPrefix}:{kind}:{name}";

    /// <summary>True when the shared limits may be asked; a dropped connection starts the fallback here.</summary>
    public bool TryShared()
    {
        if (Volatile.Read(ref _fallback) != 0) return false;
        if (_redis.IsConnected) return true;
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
    /// One health round (the hosted service runs it every <see cref="ClusterLimitsOptions.ProbeInterval"/>): counts this
    /// node as seen and learns how many nodes are; after an outage, the first answer brings the shared limits back.
    /// </summary>
    public async Task<bool> ProbeAsync()
    {
        if (!_redis.IsConnected)
        {
            Failed(null);
            return false;
        }
        try
        {
            var seen = (long)await Database.ScriptEvaluateAsync(RedisScripts.Heartbeat, [Key("limits", "nodes")],
                [NodeName, (long)SeenWindow.TotalMilliseconds]).ConfigureAwait(false);
            Volatile.Write(ref _nodesSeen, (int)seen);
        }
        catch (Exception ex) when (IsUnreachable(ex))
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

    /// <inheritdoc />
    public void Dispose() => _redis.Dispose();
}
