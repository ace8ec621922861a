namespace Appliance.Mta.Suppression;

/// <summary>A tenant's suppression and feedback settings.</summary>
/// <param name="ReturnPathDomain">Domain of the VERP return paths (the appliance is its MX); null = no VERP.</param>
/// <param name="OneClickUnsubscribe">Add RFC 8058 List-Unsubscribe headers to marketing-stream messages.</param>
public sealed record TenantFeedbackSettings(SuppressedRecipientAction Action, string? ReturnPathDomain, bool OneClickUnsubscribe)
{
    /// <summary>
    /// Reject suppressed recipients, no VERP return-path domain, no one-click unsubscribe: the settings of a tenant
    /// nobody configured.
    /// </summary>
    public static readonly TenantFeedbackSettings Default = new(SuppressedRecipientAction.Reject, null, false);
}
