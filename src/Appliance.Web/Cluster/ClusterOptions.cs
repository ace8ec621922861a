namespace Appliance.Web.Cluster;

/// <summary>
/// Cluster mode (<c>Appliance:Cluster</c>, docs/cluster.md): shared settings, the node registry and the cluster-wide
/// limits. Off unless <see cref="Redis"/> is set: a single node needs nothing here. Every node of a cluster points at
/// the same PostgreSQL database and the same Redis. Each default states where it comes from.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Appliance:Cluster";

    /// <summary>
    /// Redis as <c>host:port</c> or a StackExchange.Redis configuration string
    /// (<c>host:port,password=...,ssl=true,sslHost=...</c>). Empty (the default): cluster mode is off.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// This node's name in the registry, in notices and as the owner of its connection leases; default the host name.
    /// Unique per cluster (several nodes may share a host in tests).
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// How often a node compares the database's settings versions with its own (the catch-up for a missed notice).
    /// 1 s: a change is in force everywhere within 2 s even without Redis (issue 19).
    /// </summary>
    public TimeSpan VersionPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a node writes its registry entry (1 s, as Kestrel's heartbeat).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a registry entry lives without a new heartbeat: a killed node disappears after this (5 s).</summary>
    public TimeSpan HeartbeatExpiry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many nodes to divide the configured limits by while Redis is unreachable, when this node never saw the
    /// registry (it uses the nodes it last saw there otherwise). Default 1: a node that never saw the cluster keeps the
    /// full rate.
    /// </summary>
    public int ExpectedNodes { get; set; } = 1;

    /// <summary>
    /// Prefix of every Redis key and channel (limits, registry, settings notices), so several clusters (or test runs)
    /// can share one Redis. Default "appliance".
    /// </summary>
    public string KeyPrefix { get; set; } = "appliance";

    /// <summary>
    /// How long a connection lease lives without renewal (renewed every third of it while the connection lives), so a
    /// crashed node's slots free themselves. Default 30 s: longer than a GC pause or a Redis fail-over, short enough
    /// that a crash costs a site at most half a minute of one connection.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the limits probe Redis (and read the node count for the fallback). Default 1 s, the StackExchange.Redis
    /// heartbeat.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The node-to-node secret (required in cluster mode, at least <see cref="MinSecretLength"/> characters, the same on
    /// every node): internal API calls carry an HMAC-SHA256 made with it (docs/cluster.md, "Node-to-node security"),
    /// and the drain hand-over over SMTP authenticates with it (docs/cluster.md, "Draining a node").
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The shortest <see cref="Secret"/> accepted; a shorter one is treated as none.</summary>
    public const int MinSecretLength = 16;

    /// <summary>True when <see cref="Secret"/> is long enough to be used.</summary>
    public bool HasSecret => Secret is { Length: >= MinSecretLength };

    /// <summary>
    /// The base URL other nodes use to reach this node's HTTP listener (<c>http://10.0.0.5:8080</c>); default the first
    /// address Kestrel listens on. Set it when the node listens on a wildcard address or behind NAT.
    /// </summary>
    public string? InternalUrl { get; set; }

    /// <summary>How long a fan-out (queue summary, operation, search) waits for one node before showing it as not answering (3 s).</summary>
    public TimeSpan FanOutTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How far a signed internal request's timestamp may be from this node's clock (30 s); older ones are refused as replays.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when <see cref="Redis"/> is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The effective node name: <see cref="NodeName"/> or the host name.</summary>
    public string EffectiveNodeName => string.IsNullOrWhiteSpace(NodeName) ? Environment.MachineName : NodeName.Trim();

    /// <summary>A Redis key or channel name under <see cref="KeyPrefix"/>: <c>{prefix}:{kind}:{name}</c>.</summary>
    public string Key(string kind, string name) => $"{KeyPrefix}:{kind}:{name}";

    /// <summary>The settings rules, one message per bad key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Enabled)
        {
            try { _ = StackExchange.Redis.ConfigurationOptions.Parse(Redis!); }
            catch (ArgumentException ex) { errors.Add($"{Section}:Redis is not host:port or a StackExchange.Redis configuration string: {ex.Message}"); }
        }
        if (NodeName is not null && string.IsNullOrWhiteSpace(NodeName)) errors.Add($"{Section}:NodeName must not be blank (leave it unset for the host name).");
        if (ExpectedNodes < 1) errors.Add($"{Section}:ExpectedNodes must be at least 1.");
        if (string.IsNullOrWhiteSpace(KeyPrefix)) errors.Add($"{Section}:KeyPrefix must not be empty.");
        if (LeaseTtl < TimeSpan.FromSeconds(1)) errors.Add($"{Section}:LeaseTtl must be at least 1 second.");
        if (ProbeInterval < TimeSpan.FromMilliseconds(100)) errors.Add($"{Section}:ProbeInterval must be at least 100 ms.");
        if (VersionPollInterval < TimeSpan.FromMilliseconds(100)) errors.Add($"{Section}:VersionPollInterval must be at least 100 ms.");
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100)) errors.Add($"{Section}:HeartbeatInterval must be at least 100 ms.");
        if (HeartbeatExpiry <= HeartbeatInterval) errors.Add($"{Section}:HeartbeatExpiry must be longer than HeartbeatInterval.");
        // An internal API without the secret would be open to anyone who reaches the port.
        if (Enabled && string.IsNullOrWhiteSpace(Secret))
            errors.Add($"{Section}:Secret is required in cluster mode (the same random string on every node, at least {MinSecretLength} characters).");
        else if (Enabled && Secret!.Trim().Length < MinSecretLength)
            errors.Add($"{Section}:Secret must be at least {MinSecretLength} characters.");
        if (InternalUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"{Section}:InternalUrl must be an absolute http:// or https:// URL ('{url}').");
        if (FanOutTimeout <= TimeSpan.Zero) errors.Add($"{Section}:FanOutTimeout must be positive.");
        if (SignatureWindow <= TimeSpan.Zero) errors.Add($"{Section}:SignatureWindow must be positive.");
        return errors;
    }
}
