using Appliance.Web.Cluster.Internal;
using Appliance.Web.Cluster.Nodes;
using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>
/// The versioned admin API under /api/v1. Every endpoint needs an API key; configuration writes need role Admin,
/// queue operations and sending Admin or Operator. Tenant-scoped keys see only their tenant (<see cref="TenantScope"/>).
/// Those rules are declared once, in <see cref="Security.Access.EndpointAccessTable"/>; the mappings carry none.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.MapTenantsEndpoints();
        api.MapTenantQuotaEndpoints();
        api.MapSmtpCredentialsEndpoints();
        api.MapApiKeysEndpoints();
        api.MapRoutesEndpoints();
        api.MapQueuesEndpoints();
        api.MapMessagesEndpoints();
        api.MapMessageTimelineEndpoints();
        api.MapEventsEndpoints();
        api.MapStatsEndpoints();
        api.MapAuditEndpoints();
        api.MapSettingsEndpoints();
        api.MapUsersEndpoints();
        api.MapTlsEndpoints();
        api.MapSystemStatusEndpoint();
        api.MapClusterEndpoints();
        api.MapInternalEndpoints();
        app.MapOpenApi();
        app.MapApiReference();
        return app;
    }
}
