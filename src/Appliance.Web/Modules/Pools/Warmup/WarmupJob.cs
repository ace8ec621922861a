using Quartz;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>The recurring warmup tick: persist volumes and complaints, advance the day, automatic holds, caps (<see cref="WarmupRuntime"/>).</summary>
[DisallowConcurrentExecution]
public sealed class WarmupJob(WarmupRuntime runtime) : IJob
{
    public static readonly JobKey Key = new("warmup", "pools");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await runtime.TickAsync(cancellationToken);
}
