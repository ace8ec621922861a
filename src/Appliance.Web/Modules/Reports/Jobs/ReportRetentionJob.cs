using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Appliance.Web.Modules.Reports.Jobs;

/// <summary>Drops the raw bytes of reports older than Appliance:Reports:RawRetention; their parsed rows stay.</summary>
[DisallowConcurrentExecution]
public sealed class ReportRetentionJob(IDbContextFactory<ApplianceDbContext> dbFactory, IOptionsMonitor<ReportsOptions> options, TimeProvider time, ILogger<ReportRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("report-retention", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var retention = options.CurrentValue.RawRetention;
        if (retention <= TimeSpan.Zero) return 0;
        var cutoff = time.GetUtcNow() - retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dropped = await db.Reports.Where(r => r.Raw != null && r.ReceivedAt < cutoff).ExecuteUpdateAsync(s => s.SetProperty(r => r.Raw, (byte[]?)null), ct);
        if (dropped > 0) ReportsLog.RawBytesDropped(logger, dropped, cutoff);
        return dropped;
    }
}
