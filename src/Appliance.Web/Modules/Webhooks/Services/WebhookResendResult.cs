namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>How many events a re-send queued; Truncated when the range held more than the configured maximum.</summary>
public sealed record WebhookResendResult(int Queued, bool Truncated);
