namespace Appliance.Web.Cluster.Nodes;

/// <summary>One of a node's last Alert events, as the registry carries it (the admin panel's "last alerts").</summary>
public sealed record NodeAlert(DateTimeOffset Timestamp, string? Detail);
