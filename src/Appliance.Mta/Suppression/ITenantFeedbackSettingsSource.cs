namespace Appliance.Mta.Suppression;

/// <summary>Per-tenant suppression settings, answered from memory (asked on the RCPT path).</summary>
public interface ITenantFeedbackSettingsSource
{
    /// <summary>
    /// The settings of <paramref name="tenantId"/>; <see cref="TenantFeedbackSettings.Default"/> for an unknown tenant.
    /// Must answer from memory (it is asked on the RCPT path).
    /// </summary>
    TenantFeedbackSettings For(string tenantId);

    /// <summary>Every tenant's return-path domain (lower-case A-labels) → tenant id.</summary>
    IReadOnlyDictionary<string, string> ReturnPathDomains { get; }
}
