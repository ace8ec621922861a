namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>The outcome of one POST: a 2xx answer succeeds; any other status, a timeout or a network error fails.</summary>
public sealed record WebhookSendResult(bool Succeeded, int? StatusCode, double LatencyMs, string RequestExcerpt, string? ResponseExcerpt, string? Error);
