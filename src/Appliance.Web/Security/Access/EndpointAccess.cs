using Appliance.Mta.Dns;

namespace Appliance.Web.Security.Access;

/// <summary>
/// Who may call one HTTP endpoint (one row of <see cref="EndpointAccessTable"/>): nobody signed in, cookie users of
/// some roles, global API keys of some roles, tenant-scoped API keys of some roles, and how a tenant key is kept to
/// its own tenant's objects. Empty role lists mean "nobody of that kind".
/// </summary>
/// <param name="Method">HTTP method ("GET", "POST"...), or <see cref="AnyMethod"/> for endpoints mapped without one (hubs, metrics).</param>
/// <param name="Route">The route pattern as mapped, without constraints (<c>/api/v1/tenants/{id}/api-keys/{keyId}</c>).</param>
public sealed record EndpointAccess(string Method, string Route)
{
    public const string AnyMethod = "*";

    /// <summary>Anyone, with or without a credential (health, login form, unsubscribe links, static files).</summary>
    public bool Anonymous { get; init; }

    /// <summary>
    /// Node-to-node only (cluster mode's internal API): the caller must sign the request with the cluster secret
    /// (<see cref="Cluster.Internal.NodeSignature"/>); API keys and cookies are refused whatever their role.
    /// </summary>
    public bool NodeSigned { get; init; }

    /// <summary>Roles of admin-panel users (Identity cookie) allowed.</summary>
    public IReadOnlyList<string> CookieRoles { get; init; } = [];

    /// <summary>Roles of API keys without a tenant allowed.</summary>
    public IReadOnlyList<string> GlobalKeyRoles { get; init; } = [];

    /// <summary>Roles of tenant-scoped API keys allowed; empty for global policy (they get a 403 problem).</summary>
    public IReadOnlyList<string> TenantKeyRoles { get; init; } = [];

    /// <summary>How a tenant key is kept to its own tenant; <see cref="TenantBinding.None"/> when tenant keys are refused.</summary>
    public TenantBinding Tenancy { get; init; }

    /// <summary>The route parameter holding the tenant id, for <see cref="TenantBinding.RouteTenant"/>.</summary>
    public string? TenantParameter { get; init; }

    /// <summary>True when some API key (global or tenant) may call the endpoint.</summary>
    public bool AcceptsKeys => GlobalKeyRoles.Count > 0 || TenantKeyRoles.Count > 0;

    /// <summary>
    /// True when <paramref name="key"/> is in one of <paramref name="roles"/>. A list that admits Viewer admits every
    /// valid key: a key with an unknown scope has no role and only reads (<see cref="Api.ApiKeyRoles.RoleOf"/>).
    /// </summary>
    public static bool KeyHasRole(System.Security.Claims.ClaimsPrincipal key, IReadOnlyList<string> roles) =>
        roles.Contains(ApplianceRoles.Viewer) || roles.Any(key.IsInRole);

    /// <summary>The lookup key: method plus normalized route.</summary>
    public string Key => EndpointAccessTable.KeyOf(Method, Route);
}
