using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>Reads and writes <see cref="Setting"/> rows and raises <see cref="Changed"/> after each write.</summary>
public sealed class SettingsService(IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Raised with the key and the new value after a value was stored (subscribers apply it without a restart).</summary>
    public event Action<string, string>? Changed;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores the value and returns the previous one (null when unset).</summary>
    public async Task<string?> SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var previous = await StageAsync(db, key, value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        NotifyChanged(key, value);
        return previous;
    }

    /// <summary>
    /// Puts the value into <paramref name="db"/> without saving (the caller saves it with its audit row, in one
    /// transaction) and returns the previous one; the caller calls <see cref="NotifyChanged"/> once it is stored.
    /// </summary>
    public async Task<string?> StageAsync(ApplianceDbContext db, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        var previous = row?.Value;
        if (row is null) db.Settings.Add(new Setting { Key = key, Value = value, UpdatedAt = time.GetUtcNow() });
        else
        {
            row.Value = value;
            row.UpdatedAt = time.GetUtcNow();
        }
        return previous;
    }

    /// <summary>Raises <see cref="Changed"/> for a value stored through <see cref="StageAsync"/>.</summary>
    public void NotifyChanged(string key, string value) => Changed?.Invoke(key, value);
}
