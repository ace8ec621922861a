using Appliance.Web.Data;
using Appliance.Mta.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Fills the engine's index and the settings snapshot from SQLite at start: a start-up step
/// (<see cref="Startup.StartupSteps.SuppressionIndex"/>), after the tables exist and before the engine accepts its first RCPT. Expired entries are skipped. The tenants' return-path
/// domains are verified here too (<see cref="TenantReturnPathVerifier"/>).
/// </summary>
public sealed class SuppressionIndexLoader(IDbContextFactory<ApplianceDbContext> dbFactory, SuppressionIndex index,
    TenantFeedbackSettingsCache settings, TenantReturnPathVerifier returnPaths, TimeProvider time, ILogger<SuppressionIndexLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await settings.ReloadAsync(cancellationToken);
        // Before the first RCPT: which return-path domains DNS shows pointing at the appliance (it answers only for those).
        await returnPaths.VerifyAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var count = 0;
        await foreach (var row in db.Suppressions.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var entry = row.ToEntry();
            if (!entry.IsActiveAt(now)) continue;
            index.Set(entry);
            count++;
        }
        SuppressionsLog.Loaded(logger, count);
    }
}
