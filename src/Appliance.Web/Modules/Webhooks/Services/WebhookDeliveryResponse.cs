namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>One row of an endpoint's delivery log.</summary>
public sealed record WebhookDeliveryResponse(
    long Id, DateTimeOffset At, int Attempt, int EventCount, bool Test, bool Succeeded, int? StatusCode, double LatencyMs,
    string RequestExcerpt, string? ResponseExcerpt, string? Error);
