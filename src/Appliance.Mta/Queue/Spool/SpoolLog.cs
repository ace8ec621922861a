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

    [LoggerMessage(1310, LogLevel.Warning, "Spool index {Path} could not be written; the next start scans its segment instead")]
    public static partial void IndexWriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(1311, LogLevel.Information, "Spool recovery read {Segments} segments ({Indexed} from their index, {Scanned} scanned): {Records} records, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void RecoveryRead(ILogger logger, int segments, int indexed, int scanned, int records, long bytes, long elapsedMs);

    [LoggerMessage(1312, LogLevel.Warning, "Spool index {Path} not used ({Reason}); its segment is scanned instead")]
    public static partial void IndexInvalid(ILogger logger, string path, string reason);
}
