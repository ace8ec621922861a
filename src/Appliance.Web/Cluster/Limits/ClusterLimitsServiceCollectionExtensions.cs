using Appliance.Mta.Shaping;

namespace Appliance.Web.Cluster.Limits;

/// <summary>Registers the Redis stores for rates, connection leases and backoffs when <c>Appliance:Cluster:Redis</c> is set.</summary>
public static class ClusterLimitsServiceCollectionExtensions
{
    /// <summary>
    /// Cluster-wide limits, or nothing for a single node. Call before <c>AddMtaEngine</c>: the engine registers its
    /// in-process stores only where none is registered yet. The options, the one Redis connection
    /// (<see cref="ClusterRedis"/>) and the node registry come from <c>AddApplianceCluster</c>.
    /// </summary>
    public static IServiceCollection AddClusterLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Redis)])) return services;
        services.AddSingleton<ClusterLimitsConnection>();
        services.AddSingleton<IThrottleStore, RedisThrottleStore>();
        services.AddSingleton<IConnectionLeases, RedisConnectionLeases>();
        services.AddSingleton<RedisBackoffStore>();
        services.AddSingleton<IBackoffStore>(sp => sp.GetRequiredService<RedisBackoffStore>());
        services.AddHostedService<ClusterLimitsService>();
        return services;
    }
}
