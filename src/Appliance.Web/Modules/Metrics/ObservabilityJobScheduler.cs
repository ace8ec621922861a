using Quartz;

namespace Appliance.Web.Modules.Metrics;

/// <summary>
/// Schedules a module's recurring jobs on the host's one Quartz scheduler at start. (Quartz 4.7 has no
/// QuartzOptions.AddJob; jobs are added to the running scheduler instead, never with a second AddQuartz.)
/// </summary>
public sealed class ObservabilityJobScheduler(ISchedulerFactory factory, IEnumerable<ObservabilityJob> jobs) : IHostedService
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
