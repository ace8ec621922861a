namespace Appliance.Web.Modules.Webhooks.Queue;

/// <summary>How much one endpoint has queued: events and bytes of JSON.</summary>
public readonly record struct WebhookBacklog(long Events, long Bytes);
