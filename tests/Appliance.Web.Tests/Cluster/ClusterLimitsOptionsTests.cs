using Appliance.Mta.Shaping;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Limits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cluster;

/// <summary>A single node composes no Redis at all; a cluster node replaces the engine's in-process stores; bad keys are named.</summary>
public sealed class ClusterLimitsOptionsTests
{
    [Fact]
    public void Without_a_redis_setting_nothing_is_registered()
    {
        var services = new ServiceCollection();
        services.AddClusterLimits(new ConfigurationBuilder().Build());
        Assert.Empty(services);
    }

    [Fact]
    public void With_a_redis_setting_the_engine_stores_are_the_redis_ones()
    {
        var services = new ServiceCollection();
        services.AddClusterLimits(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Appliance:Cluster:Redis"] = "127.0.0.1:6379" }).Build());
        Assert.Equal(typeof(RedisThrottleStore), services.Single(s => s.ServiceType == typeof(IThrottleStore)).ImplementationType);
        Assert.Equal(typeof(RedisConnectionLeases), services.Single(s => s.ServiceType == typeof(IConnectionLeases)).ImplementationType);
        Assert.Contains(services, s => s.ServiceType == typeof(IBackoffStore));
    }

    [Fact]
    public void The_limits_settings_bind_from_the_one_cluster_section()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Appliance:Cluster:Redis"] = "127.0.0.1:6379",
            ["Appliance:Cluster:Secret"] = "test-cluster-secret-0123456789",
            ["Appliance:Cluster:KeyPrefix"] = "blue",
            ["Appliance:Cluster:LeaseTtl"] = "00:00:10",
            ["Appliance:Cluster:ExpectedNodes"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddApplianceCluster(config);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value;
        Assert.Equal(("blue", TimeSpan.FromSeconds(10), 3), (options.KeyPrefix, options.LeaseTtl, options.ExpectedNodes));
        Assert.Equal("blue:rate:q", options.Key("rate", "q"));
    }

    [Fact]
    public void Bad_values_are_refused_naming_the_key()
    {
        var errors = new ClusterOptions { Redis = "127.0.0.1:6379,connectTimeout=banana", ExpectedNodes = 0, LeaseTtl = TimeSpan.Zero, KeyPrefix = " " }.Validate();
        Assert.Contains(errors, e => e.StartsWith("Appliance:Cluster:Redis ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Appliance:Cluster:ExpectedNodes ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Appliance:Cluster:LeaseTtl ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Appliance:Cluster:KeyPrefix ", StringComparison.Ordinal));
        Assert.Empty(new ClusterOptions { Redis = "redis.internal:6380,password=secret,ssl=true", Secret = "test-cluster-secret-0123456789" }.Validate());
        Assert.Empty(new ClusterOptions().Validate()); // a single node: nothing to set
    }
}
