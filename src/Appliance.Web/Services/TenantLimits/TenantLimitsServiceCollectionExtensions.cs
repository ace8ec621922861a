using Appliance.Mta.Hosting;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>Registers the per-tenant quotas (the engine's <see cref="EnginePipeline.TenantLimits"/> slot: a recipient policy and a reception filter).</summary>
public static class TenantLimitsServiceCollectionExtensions
{
    /// <summary>The key of the quota counters' store among the <see cref="ITenantCounterStore"/>s (cluster mode registers its own under it).</summary>
    public const string QuotaStoreKey = "tenant-quotas";

    public static IServiceCollection AddTenantLimits(this IServiceCollection services)
    {
        services.AddSingleton<TenantRateLimiter>();
        // Node-local counters; cluster mode replaces this registration with the Redis ones (AddClusterQuotas, docs/cluster.md).
        services.AddSingleton<ITenantQuotaCounters>(sp => sp.GetRequiredService<TenantRateLimiter>());
        services.AddSingleton<TenantQuotaAlerts>();
        services.AddOptions<TenantQuotaMailOptions>().BindConfiguration(TenantQuotaMailOptions.Section);
        services.AddSingleton<TenantQuotaMailQueue>();
        services.AddSingleton<TenantQuotaMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantQuotaMailer>());
        services.AddSingleton<TenantLimitsLoader>();
        services.AddSingleton<TenantLimitsView>();
        services.AddSingleton<TenantQuotaCounterStore>();
        // Keyed so cluster mode can put its Redis store in this place (the last keyed registration wins).
        services.AddKeyedSingleton<ITenantCounterStore>(QuotaStoreKey, (sp, _) => sp.GetRequiredService<TenantQuotaCounterStore>());
        services.AddSingleton<ITenantCounterStore>(sp => sp.GetRequiredKeyedService<ITenantCounterStore>(QuotaStoreKey));
        // One flusher writes every ITenantCounterStore (these quota counters and the metered usage) every 5 s and at stop.
        services.AddSingleton<TenantCounterFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantCounterFlusher>());
        // The engine's pipeline asks them at its TenantLimits slots (EnginePipeline).
        services.AddKeyedSingleton<IRecipientPolicy, TenantRateLimitRecipientPolicy>(EnginePipeline.TenantLimits);
        services.AddKeyedSingleton<IReceptionFilter, TenantRateLimitFilter>(EnginePipeline.TenantLimits);
        return services;
    }
}
