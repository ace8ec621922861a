using Appliance.Web.Modules.Suppressions;

namespace Appliance.Web.Components.Pages.Suppressions;

/// <summary>The editable form of <see cref="TenantFeedbackSettingsDto"/>.</summary>
public sealed class FeedbackSettingsModel
{
    public string Action { get; set; } = "reject";

    public string? ReturnPathDomain { get; set; }

    public bool OneClick { get; set; }

    public static FeedbackSettingsModel From(TenantFeedbackSettingsDto dto) =>
        new() { Action = dto.Action ?? "reject", ReturnPathDomain = dto.ReturnPathDomain, OneClick = dto.OneClickUnsubscribe };

    public TenantFeedbackSettingsDto ToDto() =>
        new(Action, string.IsNullOrWhiteSpace(ReturnPathDomain) ? null : ReturnPathDomain.Trim(), OneClick);
}
