using Quartz;

namespace Appliance.Web.Extensions;

/// <summary>
/// The one Quartz scheduler of the host (in-memory store: schedules are derived from settings at start).
/// Modules never call AddQuartz themselves (a second unkeyed scheduler is refused); they add jobs with
/// <c>services.ConfigureAllQuartzSchedulers(q => q.AddJob&lt;TJob&gt;(j => j.WithIdentity(key)).AddTrigger(t => t.ForJob(key)...))</c>,
/// which applies whatever the order of registration (Quartz 4).
/// </summary>
public static class SchedulerServiceCollectionExtensions
{
    public static IServiceCollection AddApplianceScheduler(this IServiceCollection services)
    {
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
