namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// A node's registry entry as its last heartbeat wrote it: name, version, start time, listeners, queue depth and the
/// disk guard's state, whether it is draining, and its last few Alert events (newest first). <see cref="UptimeSeconds"/>
/// is as of <see cref="HeartbeatAt"/>. <see cref="InternalUrl"/> is where the other nodes reach its internal API (null for
/// an entry written by an older version).
/// </summary>
public sealed record NodeInfo(
    string Name,
    string Version,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    IReadOnlyList<NodeListener> Listeners,
    long QueuedMessages,
    bool DiskLow,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<NodeAlert>? RecentAlerts = null,
    bool Draining = false,
    string? InternalUrl = null);
