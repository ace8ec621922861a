using System.Security.Claims;
using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>
/// A tenant-scoped API key (its principal has the "tenant" claim) sees and changes only its own tenant: other
/// tenants' resources answer 404, global resources (routes, creating tenants, engine stats) 403.
/// </summary>
public static class TenantScope
{
    /// <summary>
    /// The caller's tenant, or null for a global caller: a tenant key's, a tenant user's, or a global Admin's "view as"
    /// tenant (<see cref="Security.Scope.CallerScope.Of"/>, the one rule for the API and the pages).
    /// </summary>
    public static string? Of(ClaimsPrincipal user) => Security.Scope.CallerScope.Of(user).TenantId;

    /// <summary>True for a global key, or when <paramref name="tenantId"/> is the key's own tenant.</summary>
    public static bool CanAccess(ClaimsPrincipal user, string? tenantId) =>
        Of(user) is not { } own || string.Equals(own, tenantId, StringComparison.Ordinal);

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
