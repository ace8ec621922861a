namespace Appliance.Web.Modules.Suppressions;

/// <summary>A tenant's settings: action "reject" or "drop", the VERP return-path domain, one-click unsubscribe.</summary>
public sealed record TenantFeedbackSettingsDto(string? Action, string? ReturnPathDomain, bool OneClickUnsubscribe);
