using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>
/// The versioned admin API under /api/v1. Every endpoint needs an API key; configuration writes need role Admin,
/// queue operations and sending Admin or Operator. Tenant-scoped keys see only their tenant (<see cref="TenantScope"/>).
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Read);
        api.MapTenantsEndpoints();
        api.MapSmtpCredentialsEndpoints();
        api.MapApiKeysEndpoints();
        // Routes are the whole appliance's: tenant-scoped keys get 403.
        api.MapGroup("").RequireGlobalKey().MapRoutesEndpoints();
        api.MapQueuesEndpoints();
        api.MapMessagesEndpoints();
        api.MapMessageTimelineEndpoints();
        api.MapEventsEndpoints();
        api.MapStatsEndpoints();
        api.MapGroup("").RequireGlobalKey().MapAuditEndpoints();
        api.MapGroup("").RequireGlobalKey().MapSettingsEndpoints();
        api.MapGroup("").RequireGlobalKey().MapUsersEndpoints();
        api.MapGroup("").RequireGlobalKey().MapTlsEndpoints();
        api.MapGroup("").RequireGlobalKey().MapSystemStatusEndpoint();
        app.MapOpenApi();
        app.MapApiReference();
        return app;
    }
}
