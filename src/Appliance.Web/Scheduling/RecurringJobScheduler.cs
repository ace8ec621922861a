using Quartz;

namespace Appliance.Web.Scheduling;

/// <summary>
/// Puts every registered <see cref="RecurringJob"/> on the host's one Quartz scheduler at start. Modules register
/// their jobs as <see cref="RecurringJob"/> singletons and never call AddQuartz (Quartz 4.7 has no QuartzOptions.AddJob).
/// </summary>
public sealed class RecurringJobScheduler(ISchedulerFactory factory, IEnumerable<RecurringJob> jobs) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var job in jobs)
        {
            if (await scheduler.Exists(job.Detail.Key, cancellationToken)) continue;
            var trigger = TriggerBuilder.Create().ForJob(job.Detail.Key).StartAt(DateTimeOffset.UtcNow.Add(job.FirstDelay))
                .WithSimpleSchedule(s => s.WithInterval(job.Interval).RepeatForever()).Build();
            await scheduler.ScheduleJob(job.Detail, trigger, new ScheduleJobOptions(), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
