namespace Appliance.Web.Cluster;

/// <summary>
/// Cluster mode (<c>Appliance:Cluster</c>, docs/cluster.md). Off unless <see cref="Redis"/> is set: a single node
/// needs nothing here. Every node of a cluster points at the same PostgreSQL database and the same Redis.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Appliance:Cluster";

    /// <summary>
    /// Redis as <c>host:port</c> or a StackExchange.Redis configuration string
    /// (<c>host:port,password=...,ssl=true,sslHost=...</c>). Empty (the default): cluster mode is off.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>This node's name in the registry and in notices; default the host name. Unique per cluster.</summary>
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
    /// The node-to-node secret (the same string on every node, at least <see cref="MinSecretLength"/> characters). A
    /// draining node authenticates its SMTP hand-over with it (docs/cluster.md, "Draining a node"); without it a node
    /// cannot hand over nor accept a hand-over.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The shortest <see cref="Secret"/> accepted; a shorter one is treated as none.</summary>
    public const int MinSecretLength = 16;

    /// <summary>True when <see cref="Secret"/> is long enough to be used.</summary>
    public bool HasSecret => Secret is { Length: >= MinSecretLength };

    /// <summary>True when <see cref="Redis"/> is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The effective node name: <see cref="NodeName"/> or the host name.</summary>
    public string EffectiveNodeName => string.IsNullOrWhiteSpace(NodeName) ? Environment.MachineName : NodeName.Trim();
}
