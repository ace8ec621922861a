using Quartz;

namespace Appliance.Web.Modules.TlsReporting.Jobs;

/// <summary>Sends the daily TLS-RPT reports that are due (RFC 8460 §5), after flushing the latest outcomes.</summary>
[DisallowConcurrentExecution]
public sealed class TlsReportJob(TlsOutcomeRecorder recorder, TlsReportSender sender) : IJob
{
    public static readonly JobKey Key = new("tls-report-send", "tls-reporting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await recorder.FlushAsync(cancellationToken);
        await sender.SendDueAsync(cancellationToken);
    }
}
