using Quartz;

namespace Appliance.Web.Modules.TlsReporting.Jobs;

/// <summary>Writes the engine's in-memory TLS outcomes to the database.</summary>
[DisallowConcurrentExecution]
public sealed class TlsOutcomeFlushJob(TlsOutcomeRecorder recorder) : IJob
{
    public static readonly JobKey Key = new("tls-outcome-flush", "tls-reporting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await recorder.FlushAsync(cancellationToken);
}
