using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Fills the engine's index and the settings snapshot from SQLite at start. Registered as an
/// <see cref="IModuleMigrator"/> after the module's own migrator, so it runs in the database initializer: after
/// the tables exist and before the engine accepts its first RCPT. Expired entries are skipped. The tenants' return-path
/// domains are verified here too (<see cref="TenantReturnPathVerifier"/>).
/// </summary>
public sealed class SuppressionIndexLoader(IDbContextFactory<ApplianceDbContext> dbFactory, SuppressionIndex index,
    TenantFeedbackSettingsCache settings, TenantReturnPathVerifier returnPaths, TimeProvider time, ILogger<SuppressionIndexLoader> logger) : IModuleMigrator
{
    public string Module => "SuppressionIndex";

    public async Task MigrateAsync(CancellationToken cancellationToken)
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
        logger.LogInformation("Loaded {Count} suppressions", count);
    }
}
