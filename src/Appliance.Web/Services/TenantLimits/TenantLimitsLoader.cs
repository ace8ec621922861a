using Appliance.Web.Data;
using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Loads every tenant's limits into <see cref="TenantRateLimiter"/>: at start (as an <see cref="IModuleMigrator"/>,
/// after the core migrations and before the engine listens) and after each tenant change (<see cref="TenantService"/>).
/// </summary>
public sealed class TenantLimitsLoader(IDbContextFactory<ApplianceDbContext> dbFactory, TenantRateLimiter limiter) : IModuleMigrator
{
    public string Module => "TenantLimits";

    public Task MigrateAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tenants.AsNoTracking()
            .Where(t => t.HourlyMessageLimit != null || t.DailyMessageLimit != null)
            .Select(t => new { t.Id, t.HourlyMessageLimit, t.DailyMessageLimit })
            .ToListAsync(cancellationToken);
        limiter.SetLimits(rows.ToDictionary(r => r.Id, r => new TenantMessageLimits(r.HourlyMessageLimit, r.DailyMessageLimit), StringComparer.Ordinal));
    }
}
