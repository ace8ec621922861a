namespace Appliance.Mta.Security;

/// <summary>Per-tenant engine policy the host provides from its settings.</summary>
public interface ITenantDirectory
{
    /// <summary>False when the tenant turned bounce DSNs off.</summary>
    bool DsnEnabled(string tenantId);
}
