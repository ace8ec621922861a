namespace Appliance.Web.Modules.Backup;

/// <summary>Log lines of the backup module (event ids 5700–5709; docs/telemetry.md).</summary>
internal static partial class BackupLog
{
    [LoggerMessage(5700, LogLevel.Information, "Backup written: {Segments} spool segments, events {Events}")]
    public static partial void Written(ILogger logger, int segments, bool events);
}
