using Quartz;

namespace Appliance.Web.Modules.Webhooks.Alerts;

/// <summary>Mails the pending alerts as one digest (every <see cref="AlertDigestOptions.DigestInterval"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AlertDigestJob(AlertDigestSender sender) : IJob
{
    public static readonly JobKey Key = new("alert-digest", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(cancellationToken);
}
