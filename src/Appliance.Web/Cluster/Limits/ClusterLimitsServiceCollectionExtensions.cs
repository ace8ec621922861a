using Appliance.Mta.Shaping;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Limits;

/// <summary>Registers the Redis stores for rates, connection leases and backoffs when <c>Appliance:Cluster:Redis</c> is set.</summary>
public static class ClusterLimitsServiceCollectionExtensions
{
    /// <summary>
    /// Cluster-wide limits, or nothing for a single node. Call before <c>AddMtaEngine</c>: the engine registers its
    /// in-process stores only where none is registered yet.
    /// </summary>
    public static IServiceCollection AddClusterLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterLimitsOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(ClusterLimitsOptions.Redis)])) return services;
        services.AddOptions<ClusterLimitsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterLimitsOptions>, ClusterLimitsOptionsValidator>();
        services.AddSingleton(sp => new ClusterLimitsConnection(sp.GetRequiredService<IOptions<ClusterLimitsOptions>>().Value,
            sp.GetRequiredService<Appliance.Mta.Events.IEventSink>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ClusterLimitsConnection>>()));
        services.AddSingleton<IThrottleStore, RedisThrottleStore>();
        services.AddSingleton<IConnectionLeases, RedisConnectionLeases>();
        services.AddSingleton<RedisBackoffStore>();
        services.AddSingleton<IBackoffStore>(sp => sp.GetRequiredService<RedisBackoffStore>());
        services.AddHostedService<ClusterLimitsService>();
        return services;
    }
}
