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
    /// The node-to-node secret (required in cluster mode, at least <see cref="MinSecretLength"/> characters, the same on
    /// every node): internal API calls carry an HMAC-SHA256 made with it (docs/cluster.md, "Node-to-node security"),
    /// and the drain hand-over over SMTP authenticates with it.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The base URL other nodes use to reach this node's HTTP listener (<c>http://10.0.0.5:8080</c>); default the first
    /// address Kestrel listens on. Set it when the node listens on a wildcard address or behind NAT.
    /// </summary>
    public string? InternalUrl { get; set; }

    /// <summary>How long a fan-out (queue summary, operation, search) waits for one node before showing it as not answering (3 s).</summary>
    public TimeSpan FanOutTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How far a signed internal request's timestamp may be from this node's clock (30 s); older ones are refused as replays.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest accepted <see cref="Secret"/> (16 characters: 128 bits of a random hex or base64 string).</summary>
    public const int MinSecretLength = 16;

    /// <summary>True when <see cref="Redis"/> is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The effective node name: <see cref="NodeName"/> or the host name.</summary>
    public string EffectiveNodeName => string.IsNullOrWhiteSpace(NodeName) ? Environment.MachineName : NodeName.Trim();
}
