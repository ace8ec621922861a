using Quartz;

namespace Appliance.Web.Extensions;

/// <summary>
/// The one Quartz scheduler of the host (in-memory store: schedules are derived from settings at start).
/// Modules add their jobs with <c>services.Configure&lt;QuartzOptions&gt;(o => o.AddJob&lt;T&gt;(...).AddTrigger(...))</c>
/// and never call AddQuartz themselves.
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
