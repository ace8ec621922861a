namespace Appliance.Web.Cluster.Limits;

/// <summary>Log lines of the cluster-wide limits (event ids 5950–5969; docs/telemetry.md).</summary>
internal static partial class ClusterLimitsLog
{
    [LoggerMessage(5950, LogLevel.Warning, "Redis unreachable for the cluster limits; node {Node} falls back to local limits at 1/{Nodes} of the configured rates")]
    public static partial void Unreachable(ILogger logger, string node, int nodes, Exception? exception);

    [LoggerMessage(5951, LogLevel.Information, "Redis answers again; node {Node} is back on the cluster-wide limits after {Outage}")]
    public static partial void Restored(ILogger logger, string node, TimeSpan outage);

    [LoggerMessage(5952, LogLevel.Warning, "A backoff notice from Redis could not be read and was ignored: {Notice}")]
    public static partial void BadNotice(ILogger logger, string notice, Exception? exception);
}
