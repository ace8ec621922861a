using Appliance.Mta.Events;
using Appliance.Mta.Hosting;
using Appliance.Web.Api;
using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Scheduling;
using Appliance.Web.Security;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Pools;

/// <summary>
/// IP pools, traffic shaping and warmup (issue 5, host side): egress sources, pools, tenant assignments and settings
/// pushed to the engine's EgressConfiguration; shaping overrides pushed to the TrafficShaper; warmup plans whose daily
/// caps go to the WarmupLimiter (recurring <see cref="WarmupJob"/>). API under /api/v1 (global keys only), pages
/// /pools, /shaping and /warmup.
/// </summary>
public static class PoolsModule
{
    public static IServiceCollection AddPoolsModule(this IServiceCollection services)
    {
        services.AddOptions<WarmupOptions>().BindConfiguration(WarmupOptions.Section);
        services.AddSingleton<EgressNode>();
        services.AddSingleton<EgressService>();
        services.AddSingleton<EgressAddressCheck>();
        services.AddSingleton<EgressOverview>();
        // DMARC reports mark a source IP "own" when it is an egress source's address (registered after the reports
        // module's configuration-only default, so this one is resolved).
        services.AddSingleton<Appliance.Web.Modules.Reports.Ownership.ConfiguredOwnSendingAddresses>();
        services.AddSingleton<Appliance.Web.Modules.Reports.Ownership.IOwnSendingAddresses, Egress.PoolOwnSendingAddresses>();
        services.AddSingleton<ShapingService>();
        services.AddSingleton<WarmupService>();
        services.AddSingleton<WarmupRuntime>();
        services.AddSingleton<WarmupComplaintQueue>();
        services.AddSingleton<ComplaintSourceResolver>();
        services.AddKeyedSingleton<IEventListener, WarmupFeedbackListener>(EnginePipeline.WarmupFeedback);
        services.AddSingleton<PoolsStartup>();
        services.AddSingleton(sp => RecurringJob.For<WarmupJob>(WarmupJob.Key,
            sp.GetRequiredService<IOptions<WarmupOptions>>().Value.Interval, TimeSpan.FromSeconds(30)));
        return services;
    }

    public static WebApplication MapPoolsModule(this WebApplication app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix);
        api.MapEgressEndpoints();
        api.MapShapingEndpoints();
        api.MapWarmupEndpoints();
        return app;
    }
}
