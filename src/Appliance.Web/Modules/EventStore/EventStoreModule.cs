using Appliance.Web.Scheduling;
using Appliance.Mta.Events;
using Appliance.Web.Api;
using Appliance.Web.Modules.Metrics;
using Appliance.Web.Security;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.EventStore;

/// <summary>
/// The event store's upkeep and export: the retention budget (days and bytes, <see cref="EventRetentionJob"/>), the
/// sidecar search indexes (<see cref="EventIndexJob"/>) and GET /api/v1/events/export.
/// </summary>
public static class EventStoreModule
{
    public static IServiceCollection AddEventStoreModule(this IServiceCollection services)
    {
        services.AddOptions<EventStoreOptions>().BindConfiguration(EventStoreOptions.Section);
        // The log's own pruning (by file age) must never undercut the configured budget: the retention job decides.
        services.AddOptions<EventLogOptions>().Configure<IOptions<EventStoreOptions>>((log, store) =>
            log.Retention = TimeSpan.FromDays(store.Value.RetentionDays > 0 ? store.Value.RetentionDays + 1 : 36500));
        services.AddSingleton<EventRetention>();
        services.AddSingleton(sp => RecurringJob.For<EventRetentionJob>(EventRetentionJob.Key,
            Positive(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value.RetentionInterval), TimeSpan.FromSeconds(30)));
        services.AddSingleton(RecurringJob.For<EventIndexJob>(EventIndexJob.Key, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20)));
        return services;
    }

    public static WebApplication MapEventStoreModule(this WebApplication app)
    {
        app.MapGroup(ApiEndpoints.Prefix).MapEventExportEndpoints();
        return app;
    }

    private static TimeSpan Positive(TimeSpan interval) => interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(10);
}
