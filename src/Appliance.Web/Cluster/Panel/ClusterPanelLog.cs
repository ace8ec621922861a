namespace Appliance.Web.Cluster.Panel;

/// <summary>The cluster panel's fan-out log lines (EventIds 5970–5979, docs/telemetry.md).</summary>
public static partial class ClusterPanelLog
{
    [LoggerMessage(EventId = 5970, Level = LogLevel.Warning, Message = "Node {Node} did not answer {What}: {Reason}")]
    public static partial void NodeNotAnswering(ILogger logger, string node, string what, string reason);
}
