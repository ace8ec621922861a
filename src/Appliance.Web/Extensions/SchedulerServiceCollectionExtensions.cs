using Appliance.Web.Scheduling;
using Quartz;

namespace Appliance.Web.Extensions;

/// <summary>
/// The one Quartz scheduler of the host (in-memory store: schedules are derived from settings at start).
/// Modules never call AddQuartz themselves (a second unkeyed scheduler is refused); they register their jobs as
/// <see cref="RecurringJob"/> singletons, which <see cref="RecurringJobScheduler"/> puts on the scheduler at start.
/// </summary>
public static class SchedulerServiceCollectionExtensions
{
    public static IServiceCollection AddApplianceScheduler(this IServiceCollection services)
    {
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringJobScheduler>();
        return services;
    }
}
