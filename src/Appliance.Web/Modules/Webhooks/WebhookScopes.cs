namespace Appliance.Web.Modules.Webhooks;

/// <summary>
/// Who an endpoint listens for. A tenant endpoint (TenantId = the tenant's id) gets its tenant's events; a system
/// endpoint (TenantId = <see cref="System"/>, created by a global admin only) gets the events of every tenant and
/// those without a tenant (disk guard, backoff, DKIM publish deadlines, pool complaint rates...).
/// </summary>
public static class WebhookScopes
{
    /// <summary>Stored in the TenantId column; never a tenant id (those are slugs of letters, digits and '-').</summary>
    public const string System = "*";

    public static bool IsSystem(string tenantId) => tenantId == System;
}
