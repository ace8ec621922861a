using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>
/// The data half of the ProtectRoutePasswords migration. Data Protection keys live in the host, not in SQL, so the
/// schema migration only adds <c>Routes.ProtectedPassword</c>; this step, run by the database initializer right
/// after the migrations and before the route table is loaded, encrypts every plaintext <c>Routes.Password</c> into it
/// and clears the plaintext. It is idempotent: a database without plaintext rows is left alone.
/// </summary>
public sealed partial class RoutePasswordUpgrade(RoutePasswordProtector protector, ILogger<RoutePasswordUpgrade> logger)
{
    public async Task<int> RunAsync(ApplianceDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Routes.Where(r => r.LegacyPlaintextPassword != null).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.ProtectedPassword = protector.Protect(row.LegacyPlaintextPassword!);
            row.LegacyPlaintextPassword = null;
        }
        if (rows.Count == 0) return 0;
        await db.SaveChangesAsync(cancellationToken);
        LogEncrypted(logger, rows.Count);
        return rows.Count;
    }

    [LoggerMessage(3601, LogLevel.Information, "Encrypted the smart-host passwords of {Count} static route(s) stored in plaintext by an earlier release")]
    private static partial void LogEncrypted(ILogger logger, int count);
}
