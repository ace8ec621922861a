using Quartz;

namespace Appliance.Web.Scheduling;

/// <summary>A recurring job for <see cref="RecurringJobScheduler"/>: the job's detail, its period and first delay.</summary>
public sealed record RecurringJob(IJobDetail Detail, TimeSpan Interval, TimeSpan FirstDelay)
{
    public static RecurringJob For<TJob>(JobKey key, TimeSpan interval, TimeSpan firstDelay) where TJob : class, IJob =>
        new(JobBuilder.Create<TJob>().WithIdentity(key).Build(), interval > TimeSpan.Zero ? interval : TimeSpan.FromHours(1), firstDelay);
}
