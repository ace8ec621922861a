using System.Security.Claims;
using Appliance.Web.Security;

namespace Appliance.Web.Services;

/// <summary>How a principal is named in the audit log: "user:&lt;email&gt;" (UI) or "api:&lt;key name&gt;" (API key).</summary>
public static class AuditActors
{
    public const string System = "system";

    public static string Of(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity) return "anonymous";
        var prefix = identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? "api:" : "user:";
        return prefix + (identity.Name ?? "unknown");
    }
}
