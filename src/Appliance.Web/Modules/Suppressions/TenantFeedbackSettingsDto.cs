namespace Appliance.Web.Modules.Suppressions;

/// <summary>A tenant's settings: action "reject" or "drop", the VERP return-path domain, one-click unsubscribe.</summary>
public sealed record TenantFeedbackSettingsDto(string? Action, string? ReturnPathDomain, bool OneClickUnsubscribe)
{
    /// <summary>Read-only: whether DNS shows the return-path domain's MX pointing at the appliance (it answers there only then); null without a domain.</summary>
    public bool? ReturnPathDomainVerified { get; init; }
}
