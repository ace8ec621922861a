namespace Appliance.Web.Modules.Pools;

/// <summary>Log lines of the pools module: warmup, shaping, egress (event ids 5500–5519; docs/telemetry.md).</summary>
internal static partial class PoolsLog
{
    [LoggerMessage(5500, LogLevel.Debug, "Complaint for message {MessageId} could not be attributed to an egress source")]
    public static partial void ComplaintNotAttributed(ILogger logger, string? messageId);

    [LoggerMessage(5501, LogLevel.Warning, "Warmup of {Source} ({Provider}) held: {Reason}")]
    public static partial void WarmupHeld(ILogger logger, string source, string provider, string reason);

    [LoggerMessage(5502, LogLevel.Error, "Stored shaping overrides are invalid and were not applied: {Errors}")]
    public static partial void ShapingInvalid(ILogger logger, string errors);

    [LoggerMessage(5503, LogLevel.Error, "The stored egress plan is invalid and was not applied: {Errors}")]
    public static partial void EgressPlanInvalid(ILogger logger, string errors);

    [LoggerMessage(5504, LogLevel.Warning, "Egress source {Source} is owned by this node ({Node}) but its bind address {Address} is not assigned to a local interface")]
    public static partial void EgressAddressNotLocal(ILogger logger, string source, string address, string node);
}
