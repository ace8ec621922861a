using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Services.TenantMetering;
using Appliance.Web.Services.Tls;

namespace Appliance.Web.Services.Admin;

/// <summary>The admin-panel features registered from one line in FeatureModules: tenant quotas and usage metering, TLS certificate upload.</summary>
public static class AdminFeaturesServiceCollectionExtensions
{
    public static IServiceCollection AddAdminFeatures(this IServiceCollection services)
    {
        services.AddTenantLimits();
        services.AddTenantMetering();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ListenerCertificateService>();
        services.AddSingleton<IListenerCertificateSource>(sp => sp.GetRequiredService<ListenerCertificateService>());
        services.AddScoped<QueueOperations>();
        return services;
    }
}
