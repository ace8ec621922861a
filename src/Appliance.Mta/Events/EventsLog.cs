using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Events;

/// <summary>Source-generated log messages of the event log and its listeners (event ids 1400-1499, stable).</summary>
internal static partial class EventsLog
{
    [LoggerMessage(1400, LogLevel.Error, "Event log writer stopped")]
    public static partial void WriterStopped(ILogger logger, Exception exception);

    [LoggerMessage(1401, LogLevel.Error, "Event listener {Listener} failed on a {Type} event")]
    public static partial void ListenerFailed(ILogger logger, string listener, MtaEventType type, Exception exception);
}
