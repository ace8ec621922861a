using Appliance.Web.Data.Entities;
using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>
/// API key roles: the key's <see cref="ApiKey.Scope"/> is "admin", "operator" or "viewer" and becomes the role
/// claim Admin, Operator or Viewer. Admin changes everything, Operator runs queues and sends, Viewer reads.
/// </summary>
public static class ApiKeyRoles
{
    public const string OperatorScope = "operator";
    public const string ViewerScope = "viewer";

    public static IReadOnlyList<string> Scopes { get; } = [ApiKey.AdminScope, OperatorScope, ViewerScope];

    /// <summary>The role claim of a stored scope; null for an unknown scope (the key then only reads).</summary>
    public static string? RoleOf(string scope) => scope switch
    {
        ApiKey.AdminScope => ApplianceRoles.Admin,
        OperatorScope => ApplianceRoles.Operator,
        ViewerScope => ApplianceRoles.Viewer,
        _ => null,
    };
}
