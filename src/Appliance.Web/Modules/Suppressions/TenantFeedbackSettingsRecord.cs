using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>A tenant's suppression and feedback settings (table TenantFeedbackSettings); absent = defaults.</summary>
public sealed class TenantFeedbackSettingsRecord
{
    public required string TenantId { get; set; }
    public SuppressedRecipientAction Action { get; set; }
    /// <summary>Return-path domain for VERP (until the domains module provides one per sending domain).</summary>
    public string? ReturnPathDomain { get; set; }
    public bool OneClickUnsubscribe { get; set; }

    public TenantFeedbackSettings ToSettings() => new(Action, ReturnPathDomain, OneClickUnsubscribe);
}
