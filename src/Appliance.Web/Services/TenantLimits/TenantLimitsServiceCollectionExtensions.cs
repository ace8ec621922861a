using Appliance.Mta.Hosting;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>Registers the per-tenant quotas (the engine's <see cref="EnginePipeline.TenantLimits"/> slot: a recipient policy and a reception filter).</summary>
public static class TenantLimitsServiceCollectionExtensions
{
    public static IServiceCollection AddTenantLimits(this IServiceCollection services)
    {
        services.AddSingleton<TenantRateLimiter>();
        // Node-local counters; a cluster store shared by the nodes can replace this registration (docs/tenants.md).
        services.AddSingleton<ITenantQuotaCounters>(sp => sp.GetRequiredService<TenantRateLimiter>());
        services.AddSingleton<TenantQuotaAlerts>();
        services.AddOptions<TenantQuotaMailOptions>().BindConfiguration(TenantQuotaMailOptions.Section);
        services.AddSingleton<TenantQuotaMailQueue>();
        services.AddSingleton<TenantQuotaMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantQuotaMailer>());
        services.AddSingleton<TenantLimitsLoader>();
        services.AddSingleton<TenantLimitsView>();
        services.AddSingleton<TenantQuotaCounterStore>();
        services.AddSingleton<ITenantCounterStore>(sp => sp.GetRequiredService<TenantQuotaCounterStore>());
        // One flusher writes every ITenantCounterStore (these quota counters and the metered usage) every 5 s and at stop.
        services.AddSingleton<TenantCounterFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantCounterFlusher>());
        // The engine's pipeline asks them at its TenantLimits slots (EnginePipeline).
        services.AddKeyedSingleton<IRecipientPolicy, TenantRateLimitRecipientPolicy>(EnginePipeline.TenantLimits);
        services.AddKeyedSingleton<IReceptionFilter, TenantRateLimitFilter>(EnginePipeline.TenantLimits);
        return services;
    }
}
