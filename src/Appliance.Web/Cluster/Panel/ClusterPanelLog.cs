namespace Appliance.Web.Cluster.Panel;

/// <summary>The cluster panel's fan-out log lines (EventId 5976, docs/telemetry.md).</summary>
public static partial class ClusterPanelLog
{
    [LoggerMessage(EventId = 5976, Level = LogLevel.Warning, Message = "Node {Node} did not answer {What}: {Reason}")]
    public static partial void NodeNotAnswering(ILogger logger, string node, string what, string reason);
}
