namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>Create or replace an endpoint: an absolute http(s) URL and the event types it receives.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, bool? Enabled);
