using Appliance.Web.Services.TenantLimits;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>Registers the cluster-wide tenant quota counters and complaint rates when <c>Appliance:Cluster:Redis</c> is set (docs/cluster.md, "Tenant quotas").</summary>
public static class ClusterQuotasServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the node-local counters and their database store (<c>AddTenantLimits</c>) with the Redis ones; nothing
    /// for a single node. Call after <c>AddTenantLimits</c> and with <c>AddClusterLimits</c> (the Redis health).
    /// </summary>
    public static IServiceCollection AddClusterQuotas(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetSection(ClusterOptions.Section)[nameof(ClusterOptions.Redis)])) return services;
        services.AddSingleton<RedisTenantQuotaCounters>();
        services.AddSingleton<ITenantQuotaCounters>(sp => sp.GetRequiredService<RedisTenantQuotaCounters>());
        services.AddSingleton<RedisQuotaStore>();
        services.AddKeyedSingleton<ITenantCounterStore>(TenantLimitsServiceCollectionExtensions.QuotaStoreKey, (sp, _) => sp.GetRequiredService<RedisQuotaStore>());
        // Complaint rates: the node's deltas to Redis and the cluster's totals back every second.
        services.AddSingleton<RedisComplaintRates>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisComplaintRates>());
        // Complaint-rate alerts: every node judges the cluster's rate, one of them raises each move.
        services.AddSingleton<Appliance.Mta.Suppression.IAlertClaims, RedisAlertClaims>();
        return services;
    }
}
