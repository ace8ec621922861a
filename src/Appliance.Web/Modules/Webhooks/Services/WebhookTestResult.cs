namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>The outcome of a test POST (a signed batch with "test": true and one sample event).</summary>
public sealed record WebhookTestResult(bool Succeeded, int? StatusCode, double LatencyMs, string? ResponseExcerpt, string? Error);
