using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Appliance.Web.Cluster;

/// <summary>
/// The node's one connection to Redis (<see cref="ClusterOptions.Redis"/>), opened on first use and shared by the
/// settings notices, the node registry and the cluster limits. It does not fail when Redis is down:
/// StackExchange.Redis keeps reconnecting in the background and restores subscriptions; calls time out within a
/// second so the limits fall back to local ones at once instead of waiting on Redis.
/// </summary>
public sealed class ClusterRedis : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;

    public ClusterRedis(IOptions<ClusterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _connection = new(() => ConnectionMultiplexer.Connect(Parse(Options.Redis!, Options.EffectiveNodeName)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The cluster options in force (key prefix, node name, limits settings).</summary>
    public ClusterOptions Options { get; }

    /// <summary>The multiplexer (connects on first call).</summary>
    public ConnectionMultiplexer Connection => _connection.Value;

    /// <summary>
    /// Parses <c>host:port</c> or a full configuration string (password=, ssl=, sslHost=, user=): never aborts on a
    /// failed connect, short timeouts (explicit values in the string win when shorter), a retry every 500 ms.
    /// </summary>
    public static ConfigurationOptions Parse(string configuration, string? clientName = null)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down; reconnect on its own.
        parsed.AbortOnConnectFail = false;
        // Limits must not wait on an unreachable Redis: a call fails within a second and the node falls back locally.
        parsed.ConnectTimeout = Math.Min(parsed.ConnectTimeout, 2000);
        parsed.AsyncTimeout = Math.Min(parsed.AsyncTimeout, 1000);
        parsed.SyncTimeout = Math.Min(parsed.SyncTimeout, 1000);
        parsed.ReconnectRetryPolicy ??= new LinearRetry(500);
        parsed.ClientName ??= clientName ?? "appliance";
        return parsed;
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }
}
