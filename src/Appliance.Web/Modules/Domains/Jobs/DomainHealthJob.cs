using Appliance.Web.Modules.Domains.Services;
using Quartz;

namespace Appliance.Web.Modules.Domains.Jobs;

/// <summary>Runs and stores the DNS health checks of every sending domain.</summary>
[DisallowConcurrentExecution]
public sealed class DomainHealthJob(DomainHealthService health) : IJob
{
    public static readonly JobKey Key = new("domain-health", "domains");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await health.CheckAllAsync(cancellationToken);
}
