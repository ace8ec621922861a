using System.Collections.Concurrent;
using Appliance.Mta.Security;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Engine;

/// <summary>
/// <see cref="ISmtpCredentialStore"/> over the settings database. AUTH must be fast, so lookups (hits and misses)
/// are cached per username for <see cref="CacheLifetime"/>; the API calls <see cref="Invalidate"/> on every change.
/// </summary>
public sealed class EfSmtpCredentialStore(IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time) : ISmtpCredentialStore
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Bounds memory when clients try many unknown usernames: past it the cache starts over.</summary>
    public const int MaxCachedUsers = 10_000;

    private readonly ConcurrentDictionary<string, (SmtpCredential? Credential, DateTimeOffset Expires)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(username, out var cached) && cached.Expires > now) return cached.Credential;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SmtpCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Username == username, cancellationToken);
        var credential = row is null ? null : new SmtpCredential(row.Username, row.TenantId, ScramSecret.Parse(row.Secret), row.Stream);
        if (_cache.Count >= MaxCachedUsers) _cache.Clear();
        _cache[username] = (credential, now + CacheLifetime);
        return credential;
    }

    /// <summary>Drops the cached entry of one user (after create, change or delete).</summary>
    public void Invalidate(string username) => _cache.TryRemove(username, out _);

    /// <summary>Drops every cached entry (e.g. after a tenant was deleted).</summary>
    public void InvalidateAll() => _cache.Clear();
}
