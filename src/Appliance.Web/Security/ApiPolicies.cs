namespace Appliance.Web.Security;

/// <summary>Authorization policies of the /api/v1 endpoints (API key scheme only, never cookies).</summary>
public static class ApiPolicies
{
    /// <summary>Any valid API key.</summary>
    public const string Read = "api.read";

    /// <summary>An API key whose principal is in role Admin.</summary>
    public const string Admin = "api.admin";
}
