using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Appliance.Web.Cluster;

/// <summary>
/// The node's one connection to Redis (<see cref="ClusterOptions.Redis"/>), opened on first use. It does not fail
/// when Redis is down: StackExchange.Redis keeps reconnecting in the background and restores subscriptions.
/// </summary>
public sealed class ClusterRedis(IOptions<ClusterOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => Connect(options.Value.Redis!), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The multiplexer (connects on first call).</summary>
    public ConnectionMultiplexer Connection => _connection.Value;

    /// <summary>Parses <c>host:port</c> or a full configuration string (password=, ssl=, sslHost=, user=).</summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down; reconnect on its own.
        parsed.AbortOnConnectFail = false;
        parsed.ClientName ??= "appliance";
        return parsed;
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }

    private static ConnectionMultiplexer Connect(string configuration) => ConnectionMultiplexer.Connect(Parse(configuration));
}
