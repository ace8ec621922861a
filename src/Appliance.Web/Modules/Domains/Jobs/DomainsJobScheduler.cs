using Microsoft.Extensions.Options;
using Quartz;

namespace Appliance.Web.Modules.Domains.Jobs;

/// <summary>
/// Schedules the rotation scan and the DNS health job on the host's Quartz scheduler at start, with the intervals of
/// <see cref="DkimOptions"/> (Quartz 4.7 has no QuartzOptions.AddJob; jobs go to the running scheduler).
/// </summary>
public sealed class DomainsJobScheduler(ISchedulerFactory factory, IOptions<DkimOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var o = options.Value;
        await ScheduleAsync(scheduler, JobBuilder.Create<DkimRotationJob>().WithIdentity(DkimRotationJob.Key).Build(), Positive(o.RotationScanInterval), cancellationToken);
        await ScheduleAsync(scheduler, JobBuilder.Create<DomainHealthJob>().WithIdentity(DomainHealthJob.Key).Build(), Positive(o.HealthCheckInterval), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task ScheduleAsync(IScheduler scheduler, IJobDetail job, TimeSpan interval, CancellationToken ct)
    {
        if (await scheduler.Exists(job.Key, ct)) return;
        // The first run after one interval: at start the snapshot is fresh and nothing is due yet.
        var trigger = TriggerBuilder.Create().ForJob(job.Key).StartAt(DateTimeOffset.UtcNow.Add(interval))
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions(), ct);
    }

    private static TimeSpan Positive(TimeSpan interval) => interval > TimeSpan.Zero ? interval : TimeSpan.FromHours(1);
}
