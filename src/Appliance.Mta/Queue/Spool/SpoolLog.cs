using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue.Spool;

/// <summary>Source-generated log messages of the segment spool (event ids 1300-1399, stable: alerts key on them).</summary>
internal static partial class SpoolLog
{
    [LoggerMessage(1300, LogLevel.Information, "Spool recovered {Count} messages from {Segments} segments")]
    public static partial void Recovered(ILogger logger, int count, int segments);

    [LoggerMessage(1301, LogLevel.Error, "Spool write of {Count} records failed")]
    public static partial void WriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1302, LogLevel.Warning, "Could not delete spool segment {Path}")]
    public static partial void DeleteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(1303, LogLevel.Warning, "Spool segment {Path}: torn record at {Offset}, truncating {Bytes} bytes")]
    public static partial void TornRecord(ILogger logger, string path, long offset, long bytes);

    [LoggerMessage(1304, LogLevel.Error, "Spool segment {Path}: corrupt record at {Offset} of {Length}; the rest of this segment is skipped")]
    public static partial void CorruptRecord(ILogger logger, string path, long offset, long length);
}
