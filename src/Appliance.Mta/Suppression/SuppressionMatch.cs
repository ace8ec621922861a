namespace Appliance.Mta.Suppression;

/// <summary>The entry that suppresses a recipient for a given tenant and sender domain.</summary>
public sealed record SuppressionMatch(SuppressionScope Scope, SuppressionReason Reason, DateTimeOffset? ExpiresAt)
{
    /// <summary>Human text for the SMTP reply and events, e.g. "hard bounce (tenant scope)".</summary>
    public string Describe() => $"{ReasonText(Reason)} ({ScopeText(Scope)} scope)";

    /// <summary>The reason in words for replies and events ("hard bounce", "spam complaint", ...).</summary>
    public static string ReasonText(SuppressionReason reason) => reason switch
    {
        SuppressionReason.HardBounce => "hard bounce",
        SuppressionReason.SoftBounce => "repeated soft bounces",
        SuppressionReason.Complaint => "spam complaint",
        SuppressionReason.Unsubscribe => "unsubscribed",
        SuppressionReason.Manual => "manually suppressed",
        SuppressionReason.SpamTrap => "spam trap",
        _ => reason.ToString(),
    };

    private static string ScopeText(SuppressionScope scope) => scope switch
    {
        SuppressionScope.Global => "global",
        SuppressionScope.Tenant => "tenant",
        _ => "sender domain",
    };
}
