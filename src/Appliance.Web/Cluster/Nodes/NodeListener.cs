namespace Appliance.Web.Cluster.Nodes;

/// <summary>One bound listener of a node ("relay", "submission", "http", ...) and its endpoint.</summary>
public sealed record NodeListener(string Name, string Endpoint);
