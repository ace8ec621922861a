using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>The versioned admin API under /api/v1. Every endpoint needs an API key; writes need role Admin.</summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Read);
        api.MapTenantsEndpoints();
        api.MapSmtpCredentialsEndpoints();
        api.MapRoutesEndpoints();
        api.MapQueuesEndpoints();
        api.MapMessagesEndpoints();
        app.MapOpenApi();
        return app;
    }
}
