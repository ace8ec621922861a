using Appliance.Mta.Suppression;
using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>Every minute: <see cref="ComplaintRateAlerts.CheckAsync"/> (tenants and pools over the complaint-rate threshold).</summary>
[DisallowConcurrentExecution]
public sealed class ComplaintRateAlertJob(ComplaintRateAlerts alerts) : IJob
{
    public static readonly JobKey Key = new("complaint-rate-alerts", "suppressions");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await alerts.CheckAsync(cancellationToken).ConfigureAwait(false);
}
