using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>Deletes daily usage rows older than <see cref="RetentionDays"/> days (every 6 hours).</summary>
[DisallowConcurrentExecution]
public sealed class TenantUsageRetentionJob(IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("tenant-usage-retention", "tenants");

    /// <summary>Issue 20: usage is kept 400 days (a year plus a month, for year-over-year billing questions).</summary>
    public const int RetentionDays = 400;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TenantDailyUsage.Where(u => u.Day < cutoff).ExecuteDeleteAsync(ct);
    }
}
