using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>Services of the /api/v1 endpoints and the monitoring pages: the OpenAPI document and the read models.</summary>
public static class ApiServices
{
    public const string OpenApiDocument = "v1";

    public static IServiceCollection AddApplianceApi(this IServiceCollection services)
    {
        // Served at /openapi/v1.json by MapApplianceApi; browsable at /api-reference (ApiReference).
        services.AddOpenApi(OpenApiDocument, ApiDocumentation.Configure);
        services.AddSingleton<MessageSearchService>();
        services.AddSingleton<QueueViewService>();
        services.AddSingleton<DashboardService>();
        return services;
    }
}
