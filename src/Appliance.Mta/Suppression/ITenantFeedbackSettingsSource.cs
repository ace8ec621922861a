namespace Appliance.Mta.Suppression;

/// <summary>Per-tenant suppression settings, answered from memory (asked on the RCPT path).</summary>
public interface ITenantFeedbackSettingsSource
{
    TenantFeedbackSettings For(string tenantId);

    /// <summary>Every tenant's return-path domain (lower-case A-labels) → tenant id.</summary>
    IReadOnlyDictionary<string, string> ReturnPathDomains { get; }
}
