using Quartz;

namespace Appliance.Web.Modules.Metrics;

/// <summary>A recurring job for <see cref="ObservabilityJobScheduler"/>: the job's detail, its period and first delay.</summary>
public sealed record ObservabilityJob(IJobDetail Detail, TimeSpan Interval, TimeSpan FirstDelay)
{
    public static ObservabilityJob For<TJob>(JobKey key, TimeSpan interval, TimeSpan firstDelay) where TJob : class, IJob =>
        new(JobBuilder.Create<TJob>().WithIdentity(key).Build(), interval, firstDelay);
}
