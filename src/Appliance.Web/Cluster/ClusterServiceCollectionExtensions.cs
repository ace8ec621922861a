using Appliance.Mta.Events;
using Appliance.Mta.Hosting;
using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Drain;
using Appliance.Web.Cluster.Internal;
using Appliance.Web.Cluster.Keys;
using Appliance.Web.Cluster.Nodes;
using Appliance.Web.Cluster.Panel;
using Appliance.Web.Cluster.Settings;
using Appliance.Web.Startup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster;

/// <summary>
/// Cluster mode's registrations (docs/cluster.md). Always: the options, this node's <see cref="LocalNode"/>, a
/// registry of this node alone, the drain and the panel's fan-out (which then asks this node only). With
/// <c>Appliance:Cluster:Redis</c> set: the one Redis connection (shared with the cluster limits, <c>AddClusterLimits</c>),
/// the notice bus, the settings-version interceptor, the settings sync and the heartbeat.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>The start-up step that notes the settings versions, right after the migrations (before any snapshot loads).</summary>
    public const string MarkVersionsStep = "cluster-versions";

    public static IServiceCollection AddApplianceCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        services.AddOptions<ClusterOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton<LocalNode>();
        services.AddSingleton<NodeAlerts>();
        services.AddKeyedSingleton<IEventListener>(EnginePipeline.NodeAlerts, (sp, _) => sp.GetRequiredService<NodeAlerts>());
        services.AddSingleton<NodeDrainState>();
        services.AddSingleton<NodeDrainService>();
        // One admin panel: the internal API's verifier, this node's answers, the fan-out and its signed HTTP client.
        services.AddSingleton<NodeRequestVerifier>();
        services.AddScoped<LocalNodeQueries>();
        services.AddScoped<ClusterPanelService>();
        services.AddTransient<NodeSigningHandler>();
        services.AddHttpClient(ClusterPanelService.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // per node: FanOutTimeout
            .AddHttpMessageHandler<NodeSigningHandler>();
        var enabled = !string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Redis)]);
        if (!enabled)
        {
            services.AddSingleton<IClusterNotices, InProcessClusterNotices>();
            services.AddSingleton<INodeRegistry, LocalNodeRegistry>();
            return services;
        }
        services.AddSingleton<ClusterRedis>();
        services.AddSingleton<IClusterNotices, RedisClusterNotices>();
        services.AddSingleton<RedisNodeRegistry>();
        services.AddSingleton<INodeRegistry>(sp => sp.GetRequiredService<RedisNodeRegistry>());
        services.AddSingleton<SettingsVersionInterceptor>();
        services.AddSingleton<SettingsReloader>();
        services.AddSingleton<SuppressionSync>();
        services.AddSingleton<ClusterSettingsSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSettingsSync>());
        services.AddHostedService<NodeHeartbeat>();
        // One key ring for all nodes, in the shared database (a secret encrypted on one node decrypts on the others).
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>().PostConfigure<DatabaseXmlRepository>((o, repository) => o.XmlRepository = repository);
        // One feedback key for all nodes (VERP, trace header, unsubscribe), kept in the shared database under that key ring.
        services.AddSingleton<IFeedbackKeySource, SharedFeedbackKeySource>();
        // Between the migrations (order 100) and the first snapshot load (200).
        services.AddSingleton<IStartupStep>(sp => new StartupStep(MarkVersionsStep, StartupSteps.Order(StartupSteps.MigrateDatabase) + 50, async ct =>
        {
            var options = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            ClusterLog.Started(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterLog)), options.EffectiveNodeName,
                StackExchange.Redis.ConfigurationOptions.Parse(options.Redis!).ToString(includePassword: false));
            await sp.GetRequiredService<ClusterSettingsSync>().MarkAsync(ct);
            await sp.GetRequiredService<SuppressionSync>().MarkAsync(ct);
            // The key ring exists (a first node creates its key here, before it encrypts anything).
            sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Appliance.Cluster.Start").Protect("ready"u8.ToArray());
            // The shared feedback key exists before the first message is signed (and a broken one stops the start here).
            _ = sp.GetRequiredService<FeedbackKey>().Key;
        }));
        return services;
    }
}
