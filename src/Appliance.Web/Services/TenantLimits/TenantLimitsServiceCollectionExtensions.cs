using Appliance.Mta.Policy;
using Appliance.Mta.Reception;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>Registers the per-tenant hourly and daily message limits (engine seams: a recipient policy and a reception filter).</summary>
public static class TenantLimitsServiceCollectionExtensions
{
    public static IServiceCollection AddTenantLimits(this IServiceCollection services)
    {
        services.AddSingleton<TenantRateLimiter>();
        services.AddSingleton<TenantLimitsLoader>();
        services.AddSingleton<TenantUsagePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantUsagePersistence>());
        services.AddSingleton<IRecipientPolicy, TenantRateLimitRecipientPolicy>();
        services.AddSingleton<IReceptionFilter, TenantRateLimitFilter>();
        return services;
    }
}
