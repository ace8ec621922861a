using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Hosting;

/// <summary>Source-generated log messages of the engine host (event ids 1800-1899, stable: alerts key on them).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1800, LogLevel.Information, "Queue holds {Count} messages after recovery")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(1801, LogLevel.Information, "SMTP {Listener} listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string listener, string endpoint);

    [LoggerMessage(1810, LogLevel.Information, "Engine started in {ElapsedMs} ms (spool recovery and queue rebuild {RecoveryMs} ms)")]
    public static partial void Started(ILogger logger, long elapsedMs, long recoveryMs);
}
