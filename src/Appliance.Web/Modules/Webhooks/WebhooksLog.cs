namespace Appliance.Web.Modules.Webhooks;

/// <summary>Log lines of webhook delivery (event ids 3710–3729, next to the alert digest's 3701–3703; docs/telemetry.md).</summary>
internal static partial class WebhooksLog
{
    [LoggerMessage(3710, LogLevel.Warning, "Webhook endpoint {EndpointId} ({Url}) of tenant {Tenant} disabled: {Reason}")]
    public static partial void EndpointDisabled(ILogger logger, string endpointId, string url, string? tenant, string reason);

    [LoggerMessage(3711, LogLevel.Warning, "Webhook backlog of endpoint {EndpointId} hit its cap: {Dropped} oldest events dropped")]
    public static partial void BacklogCapped(ILogger logger, string endpointId, long dropped);

    [LoggerMessage(3712, LogLevel.Error, "Could not queue {Count} webhook events")]
    public static partial void QueueFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(3713, LogLevel.Error, "Could not record dropped webhook events of {EndpointId}")]
    public static partial void DropNotRecorded(ILogger logger, Exception exception, string endpointId);

    [LoggerMessage(3714, LogLevel.Error, "The secret of webhook endpoint {EndpointId} cannot be read; the endpoint is paused")]
    public static partial void SecretUnreadable(ILogger logger, Exception exception, string endpointId);

    [LoggerMessage(3715, LogLevel.Error, "Webhook worker of endpoint {EndpointId} failed; retrying")]
    public static partial void WorkerFailed(ILogger logger, Exception exception, string endpointId);
}
