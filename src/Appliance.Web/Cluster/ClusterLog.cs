namespace Appliance.Web.Cluster;

/// <summary>Cluster sync and registry log lines (EventIds 5900–5909 and 5990–5991, docs/telemetry.md).</summary>
public static partial class ClusterLog
{
    [LoggerMessage(EventId = 5900, Level = LogLevel.Information, Message = "Cluster mode: node {Node}, Redis {Redis}")]
    public static partial void Started(ILogger logger, string node, string redis);

    [LoggerMessage(EventId = 5901, Level = LogLevel.Information, Message = "Settings area {Area} changed to version {Version} (was {Previous}); reloaded in {Milliseconds} ms")]
    public static partial void Reloaded(ILogger logger, string area, long version, long previous, long milliseconds);

    [LoggerMessage(EventId = 5902, Level = LogLevel.Error, Message = "Reloading settings area {Area} failed; kept the last snapshot, retrying")]
    public static partial void ReloadFailed(ILogger logger, string area, Exception exception);

    [LoggerMessage(EventId = 5903, Level = LogLevel.Warning, Message = "The settings database is unreachable ({Reason}); mail keeps flowing on the last snapshot")]
    public static partial void DatabaseUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 5904, Level = LogLevel.Information, Message = "The settings database is reachable again")]
    public static partial void DatabaseBack(ILogger logger);

    [LoggerMessage(EventId = 5905, Level = LogLevel.Warning, Message = "A settings notice for {Area} was not sent: {Reason} (other nodes catch up within the poll interval)")]
    public static partial void NoticeNotSent(ILogger logger, string area, string reason);

    [LoggerMessage(EventId = 5907, Level = LogLevel.Warning, Message = "Could not subscribe to the settings notices: {Reason} (this node catches up from the versions every poll interval)")]
    public static partial void SubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5906, Level = LogLevel.Warning, Message = "Node heartbeat not written: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5990, Level = LogLevel.Information, Message = "Created the cluster's shared feedback key (VERP, trace header and unsubscribe signatures)")]
    public static partial void FeedbackKeyCreated(ILogger logger);

    [LoggerMessage(EventId = 5991, Level = LogLevel.Information, Message = "Signing with the cluster's shared feedback key; this node's former key {Path} still verifies its old signatures")]
    public static partial void FeedbackKeyFormerKept(ILogger logger, string path);
}
