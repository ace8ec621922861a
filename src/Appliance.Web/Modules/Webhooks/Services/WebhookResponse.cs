namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>
/// An endpoint as the API and the page show it. <see cref="Secret"/> is set only in the answer to its creation
/// (it is shown once); <see cref="Backlog"/> counts the events queued for it.
/// </summary>
public sealed record WebhookResponse(
    string Id,
    string TenantId,
    string Url,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset? LastSuccessAt,
    long DroppedEvents,
    long Backlog,
    string? Secret = null);
