namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// Cluster-wide limits through Redis (<c>Appliance:Cluster</c>): unset <see cref="Redis"/> means a single node with
/// in-process limits, exactly as before. Each default states where it comes from.
/// </summary>
public sealed class ClusterLimitsOptions
{
    /// <summary>The configuration section (shared with the rest of cluster mode).</summary>
    public const string Section = "Appliance:Cluster";

    /// <summary>
    /// <c>host:port</c> or a StackExchange.Redis configuration string (<c>host:6380,password=…,ssl=true,sslHost=…</c>
    /// for a password and TLS). Empty: no cluster, limits stay in process.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>This node's name in the cluster (lease owners, notices); default the host name. Several nodes may share a host in tests.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>
    /// How many nodes to divide the configured rates by while Redis is unreachable, when this node never saw the others
    /// (it counts the nodes it saw in Redis otherwise). Default 1: a node that never saw the cluster keeps the full rate.
    /// </summary>
    public int ExpectedNodes { get; set; } = 1;

    /// <summary>Prefix of every Redis key and channel, so several clusters (or test runs) can share one Redis. Default "appliance".</summary>
    public string KeyPrefix { get; set; } = "appliance";

    /// <summary>
    /// How long a connection lease lives without renewal (renewed every third of it while the connection lives), so a
    /// crashed node's slots free themselves. Default 30 s: longer than a GC pause or a Redis fail-over, short enough
    /// that a crash costs a site at most half a minute of one connection.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an unreachable Redis is probed (and the node counted while it answers). Default 1 s, the StackExchange.Redis heartbeat.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>True when a Redis is configured (cluster limits on).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The settings rules, one message per bad key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Enabled)
        {
            try { _ = StackExchange.Redis.ConfigurationOptions.Parse(Redis!); }
            catch (ArgumentException ex) { errors.Add($"{Section}:Redis is not host:port or a StackExchange.Redis configuration string: {ex.Message}"); }
        }
        if (string.IsNullOrWhiteSpace(NodeName)) errors.Add($"{Section}:NodeName must not be empty.");
        if (ExpectedNodes < 1) errors.Add($"{Section}:ExpectedNodes must be at least 1.");
        if (string.IsNullOrWhiteSpace(KeyPrefix)) errors.Add($"{Section}:KeyPrefix must not be empty.");
        if (LeaseTtl < TimeSpan.FromSeconds(1)) errors.Add($"{Section}:LeaseTtl must be at least 1 second.");
        if (ProbeInterval < TimeSpan.FromMilliseconds(100)) errors.Add($"{Section}:ProbeInterval must be at least 100 ms.");
        return errors;
    }
}
