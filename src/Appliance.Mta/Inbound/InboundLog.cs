using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Inbound;

/// <summary>Source-generated log messages of inbound (bounce and feedback) processing (event ids 1500-1599, stable).</summary>
internal static partial class InboundLog
{
    [LoggerMessage(1500, LogLevel.Information, "Inbound message from {Client} is not MIME; discarded")]
    public static partial void NotMime(ILogger logger, string? client, Exception exception);
}
