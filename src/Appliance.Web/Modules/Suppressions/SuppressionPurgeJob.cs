using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>Hourly: deletes expired suppressions (soft bounces after 30 days, by default) from SQLite and the index.</summary>
public sealed class SuppressionPurgeJob(IDbContextFactory<ApplianceDbContext> dbFactory, SuppressionIndex index, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("purge-expired", "suppressions");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        index.PurgeExpired(now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // ExpiresAt is stored as a sortable 64-bit integer (ModuleDbContext convention), so this is a range scan.
        await db.Suppressions.Where(s => s.ExpiresAt != null && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
