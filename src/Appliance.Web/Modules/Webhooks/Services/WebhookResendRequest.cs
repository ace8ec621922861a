namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>Re-send the endpoint's events of [From, To) from the event log.</summary>
public sealed record WebhookResendRequest(DateTimeOffset? From, DateTimeOffset? To);
