namespace Appliance.Web.Cluster.Drain;

/// <summary>Draining log lines (EventIds 5970–5979, docs/telemetry.md).</summary>
public static partial class ClusterDrainLog
{
    [LoggerMessage(EventId = 5970, Level = LogLevel.Warning, Message = "Node {Node} is draining: new mail is refused (421 4.3.2 / HTTP 503); {Queued} queued messages go to the other nodes")]
    public static partial void Started(ILogger logger, string node, int queued);

    [LoggerMessage(EventId = 5971, Level = LogLevel.Information, Message = "Node {Node} drained: {HandedOver} messages handed over, none queued")]
    public static partial void Finished(ILogger logger, string node, long handedOver);

    [LoggerMessage(EventId = 5972, Level = LogLevel.Warning, Message = "Hand-over to node {Peer} failed: {Reason}; the messages stay queued here and are tried again")]
    public static partial void HandoverFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 5973, Level = LogLevel.Warning, Message = "Draining node {Node} waits: {Reason}")]
    public static partial void Waiting(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 5974, Level = LogLevel.Information, Message = "Node {Node} stopped draining: it accepts mail again ({Queued} queued)")]
    public static partial void Cancelled(ILogger logger, string node, int queued);
}
