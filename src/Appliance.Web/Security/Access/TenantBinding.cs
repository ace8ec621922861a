namespace Appliance.Web.Security.Access;

/// <summary>How an endpoint that tenant-scoped API keys may call keeps them inside their own tenant.</summary>
public enum TenantBinding
{
    /// <summary>Tenant keys may not call the endpoint at all (global policy), or it touches no tenant's data.</summary>
    None,

    /// <summary>
    /// A route parameter (<see cref="EndpointAccess.TenantParameter"/>) is the tenant id: the access middleware answers
    /// 404 to a tenant key naming another tenant, before the handler runs.
    /// </summary>
    RouteTenant,

    /// <summary>
    /// The route names an object (message, domain, webhook, report) whose owner only the handler knows: the handler
    /// looks it up and answers 404 when it belongs to another tenant (the enumeration test probes each one).
    /// </summary>
    OwnedObject,

    /// <summary>A list or search: the handler limits the results to the key's tenant (a foreign tenant filter is 403 or 404).</summary>
    FilteredToOwn,
}
