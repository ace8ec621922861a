namespace Appliance.Web.Modules.Webhooks.Queue;

/// <summary>One queued event of one endpoint: its position in the queue and its JSON.</summary>
public sealed record QueuedWebhookEvent(long Seq, string Payload);
