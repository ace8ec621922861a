using System.Security.Claims;

namespace Appliance.Web.Security.Scope;

/// <summary>
/// Whose data a caller sees: the whole appliance (<see cref="TenantId"/> null) or one tenant. A tenant API key, a
/// tenant user (TenantAdmin/TenantViewer) and a global Admin in "view as tenant" mode are all scoped to one tenant;
/// services given a scope answer "not found" for every other tenant's object (docs/tenants.md, "Scope rules").
/// </summary>
/// <param name="TenantId">The tenant the caller is limited to; null = global.</param>
/// <param name="ViewingAs">True when a global Admin looks at the panel as <see cref="TenantId"/> ("view as tenant").</param>
public sealed record CallerScope(string? TenantId, bool ViewingAs = false)
{
    /// <summary>The claim carrying a tenant key's or a tenant user's tenant.</summary>
    public const string TenantClaim = ApiKeyAuthenticationHandler.TenantClaim;

    /// <summary>The claim carrying a global Admin's "view as" tenant (from <see cref="Data.ApplianceUser.ViewAsTenantId"/>).</summary>
    public const string ViewAsClaim = "view-as-tenant";

    public static CallerScope Global { get; } = new((string?)null);

    public bool IsGlobal => TenantId is null;

    /// <summary>True when the caller may see objects of <paramref name="tenantId"/>: global callers see all.</summary>
    public bool CanSee(string? tenantId) => TenantId is null || string.Equals(TenantId, tenantId, StringComparison.Ordinal);

    /// <summary>
    /// The scope of a principal: its tenant claim (tenant key, tenant user) first; then a global Admin's "view as"
    /// claim; otherwise global. Nobody signed in is global here, because the access table refuses them before any
    /// service runs.
    /// </summary>
    public static CallerScope Of(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true }) return Global;
        if (user.FindFirst(TenantClaim)?.Value is { Length: > 0 } tenant) return new CallerScope(tenant);
        if (user.FindFirst(ViewAsClaim)?.Value is { Length: > 0 } viewAs && user.IsInRole(ApplianceRoles.Admin)) return new CallerScope(viewAs, ViewingAs: true);
        return Global;
    }
}
