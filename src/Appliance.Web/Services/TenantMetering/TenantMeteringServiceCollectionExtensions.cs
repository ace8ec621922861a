using Appliance.Mta.Events;
using Appliance.Mta.Hosting;
using Appliance.Web.Scheduling;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>Registers usage metering: the engine's <see cref="EnginePipeline.TenantMetering"/> listener, its store and the retention job.</summary>
public static class TenantMeteringServiceCollectionExtensions
{
    public static IServiceCollection AddTenantMetering(this IServiceCollection services)
    {
        services.AddSingleton<TenantUsageMeter>();
        services.AddKeyedSingleton<IEventListener>(EnginePipeline.TenantMetering, (sp, _) => sp.GetRequiredService<TenantUsageMeter>());
        services.AddSingleton<TenantUsageStore>();
        services.AddSingleton<TenantLimits.ITenantCounterStore>(sp => sp.GetRequiredService<TenantUsageStore>()); // written by TenantCounterFlusher
        services.AddSingleton(_ => RecurringJob.For<TenantUsageRetentionJob>(TenantUsageRetentionJob.Key, TimeSpan.FromHours(6), TimeSpan.FromMinutes(5)));
        return services;
    }
}
