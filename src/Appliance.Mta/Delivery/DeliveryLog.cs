using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery;

/// <summary>Source-generated log messages of delivery (event ids 1600-1699, stable: alerts key on them).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(1600, LogLevel.Warning, "Connection for {Queue} ended with an error")]
    public static partial void ConnectionFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(1601, LogLevel.Information, "Connect to {Host} failed: {Reply}")]
    public static partial void ConnectFailed(ILogger logger, string host, string? reply);

    [LoggerMessage(1602, LogLevel.Warning, "Send of {Id} via {Remote} failed")]
    public static partial void SendFailed(ILogger logger, string id, string remote, Exception exception);

    [LoggerMessage(1603, LogLevel.Warning, "Backoff rule {Rule} ({Action}) on {Key} until {Until:u} after {Matches} responses like: {Response}")]
    public static partial void BackoffFired(ILogger logger, string rule, string action, string key, DateTimeOffset until, int matches, string response);

    [LoggerMessage(1604, LogLevel.Error, "Dispatch of {Id} to {Domain} failed")]
    public static partial void DispatchFailed(ILogger logger, string id, string domain, Exception exception);

    [LoggerMessage(1605, LogLevel.Error, "Delivery task {Task} failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, string task, Exception exception);
}
