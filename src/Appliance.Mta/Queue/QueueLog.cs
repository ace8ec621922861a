using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue;

/// <summary>Source-generated log messages of the queue (event ids 1700-1799, stable: alerts key on them).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(1700, LogLevel.Error, "Could not spool message {Id}")]
    public static partial void SpoolFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(1701, LogLevel.Error, "Spool update for {Id} failed")]
    public static partial void SpoolUpdateFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(1702, LogLevel.Error, "Spool compaction failed")]
    public static partial void CompactionFailed(ILogger logger, Exception exception);

    [LoggerMessage(1703, LogLevel.Information, "Relocated {Count} messages out of spool segments {Segments}")]
    public static partial void Relocated(ILogger logger, int count, string segments);

    [LoggerMessage(1704, LogLevel.Error, "Could not build DSN for {Id}")]
    public static partial void DsnBuildFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(1705, LogLevel.Error, "DSN for {Id} not queued: {Reply}")]
    public static partial void DsnNotQueued(ILogger logger, string id, string reply);

    [LoggerMessage(1706, LogLevel.Error, "DSN for {Id} could not be queued")]
    public static partial void DsnInjectFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(1707, LogLevel.Error, "An accepted-message observer failed on {Id} (the message stays accepted)")]
    public static partial void ObserverFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(1710, LogLevel.Information, "Recovery: spool replayed in {SpoolMs} ms, queue rebuilt with {Count} messages in {RebuildMs} ms")]
    public static partial void RecoveryTimed(ILogger logger, long spoolMs, int count, long rebuildMs);
}
