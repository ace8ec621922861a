using Appliance.Mta.Storage;
using Quartz;

namespace Appliance.Web.Modules.Metrics;

/// <summary>Measures the data folder's free space every <see cref="IntervalSeconds"/> seconds, so a low-disk episode
/// raises (and clears) its alert even while no mail arrives.</summary>
[DisallowConcurrentExecution]
public sealed class DiskGuardJob(DiskGuard guard) : IJob
{
    public const int IntervalSeconds = 15;
    public static readonly JobKey Key = new("disk-guard", "metrics");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        guard.Check();
        return ValueTask.CompletedTask;
    }
}
